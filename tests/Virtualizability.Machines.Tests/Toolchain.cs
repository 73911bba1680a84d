using Virtualizability.Guests;

namespace Virtualizability.Machines.Tests;

/// <summary>
/// Builds this project's test programs with the mipsel cross toolchain and runs them on QEMU (through
/// tests/Virtualizability.Guests). A missing tool fails the test (never skips it) with the apt packages to install,
/// because CI installs them.
/// </summary>
public static class Toolchain
{
    /// <summary>Assembles one of tests/mips32-programs (its includes resolve from that directory) and links it at 0x80100000.</summary>
    public static string AssembleProgram(string programsDirectory, string name, string outputDirectory)
    {
        var obj = Path.Combine(outputDirectory, name + ".o");
        var elf = Path.Combine(outputDirectory, name + ".elf");
        MipselToolchain.Assemble(Path.Combine(programsDirectory, name + ".S"), obj, [.. MipselToolchain.AssemblerFlags, "-I", programsDirectory]);
        MipselToolchain.Link(obj, elf);
        return elf;
    }

    /// <summary>Compiles a bare-metal C program of GuestPrograms/ linked at 0x80100000 (its _start in .text.start first).</summary>
    public static string CompileGuest(string sourceName, string outputDirectory)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "GuestPrograms", sourceName);
        return MipselToolchain.CompileBareMetal(source, Path.Combine(outputDirectory, Path.ChangeExtension(sourceName, ".elf")));
    }

    /// <summary>The console output of <paramref name="elf"/> on QEMU's Malta with a 24Kc, which ends through the reset register (-no-reboot).</summary>
    /// <param name="input">bytes for the guest's console (QEMU's stdin), or none</param>
    public static string RunOnQemu(string elf, string memory = "256", string? input = null) =>
        Qemu.RunElf(elf, TimeSpan.FromSeconds(60), memory, input).Console;
}
