using Virtualizability.Guests;

namespace Virtualizability.Mips.Reference.Tests;

/// <summary>
/// Assembles test sources with the mipsel cross toolchain (tests/Virtualizability.Guests). Tests that need it fail
/// (never skip) with the packages to install when a tool is missing, because CI installs it.
/// </summary>
public static class CrossToolchain
{
    public static string NewWorkDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "mipsref-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Assembles <paramref name="source"/> and links it with .text at <paramref name="textAddress"/>; returns the ELF path.</summary>
    public static string AssembleAndLink(string source, uint textAddress, string entrySymbol, string directory)
    {
        var sourcePath = Path.Combine(directory, "prog.s");
        File.WriteAllText(sourcePath, source);
        return MipselToolchain.AssembleAndLink(sourcePath, Path.Combine(directory, "prog.elf"), textAddress, entrySymbol);
    }

    /// <summary>Assembles and links, then extracts the raw .text bytes.</summary>
    public static byte[] AssembleToBinary(string source, uint textAddress, string directory) =>
        MipselToolchain.TextBytes(AssembleAndLink(source, textAddress, "0", directory));
}
