using Virtualizability.Guests;

namespace Virtualizability.Guests.Tests;

/// <summary>
/// Files that `pgcheck run` cannot run, as others would try them: each is refused with exit code 1 and one line on
/// stderr naming the file and what is wrong with it, never a stack trace; where QEMU's -kernel refuses the file
/// too, it is refused for the same reason.
/// </summary>
public class ForeignFileRefusalTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static string Refusal(string path, string because)
    {
        var run = Pgcheck.Run(["run", path], Timeout);
        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}; stderr:\n{run.Stderr}\nstdout:\n{run.Stdout}");
        Assert.StartsWith($"pgcheck: {path}:", run.Stderr);
        Assert.Contains(because, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal("", run.Stdout);
        return run.Stderr;
    }

    private static int QemuExitCode(string elf) =>
        CrossTools.Run(CrossTools.Require("qemu-system-mipsel"),
            ["-M", "malta", "-cpu", "24Kc", "-m", "256", "-nographic", "-no-reboot", "-kernel", elf], Timeout).ExitCode;

    private static string Hello(TempDirectory work, string linkAddress)
    {
        var source = work.File("hello.s");
        File.WriteAllText(source, ".text\n.globl _start\n_start:\n lui $2, 0xb800\n li $3, 0x68\n sb $3, 0x3f8($2)\n"
            + " lui $2, 0xbf00\n li $3, 0x42\n sw $3, 0x500($2)\n1: b 1b\n nop\n");
        return MipselToolchain.AssembleAndLink(source, work.File($"hello-{linkAddress}.elf"), Convert.ToUInt32(linkAddress, 16));
    }

    [Fact]
    public void Text_and_empty_files_are_not_elf_files_not_program_images()
    {
        using var work = new TempDirectory();
        File.WriteAllText(work.File("notes.txt"), "0x12345678\nnot a program\n");
        Refusal(work.File("notes.txt"), "not an ELF file");
        File.WriteAllBytes(work.File("empty.elf"), []);
        Refusal(work.File("empty.elf"), "the file is empty");
    }

    [Fact]
    public void A_directory_is_named_as_one()
    {
        using var work = new TempDirectory();
        Refusal(work.Path, "is a directory");
    }

    [Fact]
    public void A_host_executable_is_built_for_another_machine()
    {
        // The shell is an ELF for the host's processor (x86-64, AArch64 ...), never MIPS.
        var shell = new FileInfo("/bin/sh").ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? "/bin/sh";
        Refusal(shell, "not MIPS");
    }

    [Fact]
    public void A_kuseg_entry_point_is_refused_with_the_reason()
    {
        // QEMU runs a program linked at 0x00100000 in its emulation of KVM trap-and-emulate guests; a MIPS32 CPU
        // would take a TLB refill at the first fetch, so the board says so instead of hanging.
        using var work = new TempDirectory();
        var elf = Hello(work, "0x00100000");
        Refusal(elf, "entry point 0x00100000 is in kuseg");
    }

    [Fact]
    public void A_segment_over_the_firmware_tables_is_refused_as_qemu_refuses_it()
    {
        using var work = new TempDirectory();
        var elf = Hello(work, "0x80002010");
        Refusal(elf, "overlaps the firmware's argument tables (physical 0x00002000..0x00003040)");
        Assert.NotEqual(0, QemuExitCode(elf));
    }

    [Fact]
    public void A_program_linked_just_below_the_firmware_tables_runs_as_on_qemu()
    {
        using var work = new TempDirectory();
        var elf = Hello(work, "0x80001000");
        var run = Pgcheck.Run(["run", elf], Timeout);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("h", run.Stdout);
        Assert.Equal(Qemu.RunElf(elf, TimeSpan.FromSeconds(60)).Console, run.Stdout);
    }
}
