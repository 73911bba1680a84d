using Virtualizability.Guests;
using Virtualizability.Machines.Elf;
using Xunit;

namespace Virtualizability.Machines.Tests;

/// <summary>Files the board must refuse with a message naming the file and the problem (never an ELFSharp exception).</summary>
public class ElfErrorTests
{
    private static string BuildTinyElf(TempDirectory work)
    {
        var source = work.File("tiny.s");
        File.WriteAllText(source, ".text\n.globl _start\n_start:\n lui $2, 0xbf00\n li $3, 0x42\n sw $3, 0x500($2)\n1: b 1b\n nop\n");
        return MipselToolchain.AssembleAndLink(source, work.File("tiny.elf"));
    }

    private static string Refusal(string path) => Assert.Throws<ElfLoadException>(() => ElfReaderMips.Read(path)).Message;

    [Fact]
    public void A_valid_tiny_elf_loads_and_runs_to_the_reset_register()
    {
        using var work = new TempDirectory();
        var run = GuestRun.Elf(BuildTinyElf(work)).EndedByReset();
        Assert.Equal(3, run.Report.Instructions);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var work = new TempDirectory();
        var message = Refusal(work.File("absent.elf"));
        Assert.Contains("absent.elf", message);
        Assert.Contains("cannot read", message);
    }

    [Fact]
    public void Garbage_is_not_an_elf_file()
    {
        using var work = new TempDirectory();
        File.WriteAllText(work.File("garbage.elf"), "this is not an executable");
        Assert.Contains("garbage.elf: not an ELF file", Refusal(work.File("garbage.elf")));
    }

    [Fact]
    public void Truncated_files_are_reported_at_every_cut()
    {
        using var work = new TempDirectory();
        var bytes = File.ReadAllBytes(BuildTinyElf(work));
        // Cuts inside the ELF header, the program headers, the segment contents, and the section headers.
        foreach (var length in new[] { 4, 20, 51, 60, 100, 0x1010, bytes.Length - 1 })
        {
            var path = work.File($"cut{length}.elf");
            File.WriteAllBytes(path, bytes[..length]);
            var error = Record.Exception(() => ElfReaderMips.Read(path));
            var refused = Assert.IsType<ElfLoadException>(error);
            Assert.StartsWith(path + ":", refused.Message);
        }
    }

    [Fact]
    public void Corrupted_headers_are_refused_without_a_foreign_exception()
    {
        using var work = new TempDirectory();
        var bytes = File.ReadAllBytes(BuildTinyElf(work));
        var random = new Random(4);
        for (var trial = 0; trial < 200; trial++)
        {
            var copy = (byte[])bytes.Clone();
            // Scribble over the ELF header and program headers (offsets 16..52+32*phnum), keeping the magic, class and data bytes.
            for (var k = 0; k < 4; k++) copy[random.Next(16, 52 + 32 * 3)] = (byte)random.Next(256);
            var path = work.File("corrupt.elf");
            File.WriteAllBytes(path, copy);
            var error = Record.Exception(() => ElfReaderMips.Read(path));
            // Some scribbles leave a loadable file; the rest must be refused with our own error type.
            if (error is not null) Assert.IsType<ElfLoadException>(error);
        }
    }

    [Fact]
    public void Foreign_elf_files_say_what_they_are()
    {
        using var work = new TempDirectory();
        var bytes = File.ReadAllBytes(BuildTinyElf(work));

        var x86 = (byte[])bytes.Clone();
        x86[18] = 3; // e_machine = EM_386
        x86[19] = 0;
        File.WriteAllBytes(work.File("x86.elf"), x86);
        Assert.Contains("not MIPS", Refusal(work.File("x86.elf")));

        var wide = (byte[])bytes.Clone();
        wide[4] = 2; // ELFCLASS64
        File.WriteAllBytes(work.File("wide.elf"), wide);
        Assert.Contains("64-bit", Refusal(work.File("wide.elf")));

        var big = (byte[])bytes.Clone();
        big[5] = 2; // ELFDATA2MSB
        File.WriteAllBytes(work.File("big.elf"), big);
        Assert.Contains("big-endian", Refusal(work.File("big.elf")));

        var relocatable = (byte[])bytes.Clone();
        relocatable[16] = 1; // ET_REL
        File.WriteAllBytes(work.File("rel.elf"), relocatable);
        Assert.Contains("not an executable", Refusal(work.File("rel.elf")));
    }

    [Fact]
    public void A_real_big_endian_mips_executable_is_refused()
    {
        using var work = new TempDirectory();
        var source = work.File("be.s");
        File.WriteAllText(source, ".text\n.globl _start\n_start:\n nop\n");
        MipselToolchain.Assemble(source, work.File("be.o"), ["-march=mips32r2", "-EB"]);
        MipselToolchain.Link(work.File("be.o"), work.File("be.elf"), extra: ["-EB"]);
        Assert.Contains("big-endian", Refusal(work.File("be.elf")));
    }

    [Fact]
    public void A_segment_beyond_ram_is_refused_when_loading()
    {
        using var work = new TempDirectory();
        // .data at kseg0 0x90100000 is physical 0x10100000: past the 256 MiB of RAM.
        var dataSource = work.File("data.s");
        File.WriteAllText(dataSource, ".text\n.globl _start\n_start:\n nop\n.data\n.word 1\n");
        MipselToolchain.Assemble(dataSource, work.File("data.o"));
        MipselToolchain.Link(work.File("data.o"), work.File("far.elf"), extra: ["-EL", "-Tdata=0x90100000"]);
        using var console = new MemoryStream();
        var board = GuestRun.NewBoard(console);
        var program = ElfReaderMips.Read(work.File("far.elf"));
        var message = Assert.Throws<ElfLoadException>(() => board.Load(program)).Message;
        Assert.Contains("outside RAM", message);
        Assert.Contains("far.elf", message);
    }
}
