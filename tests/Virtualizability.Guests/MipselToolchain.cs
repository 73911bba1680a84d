namespace Virtualizability.Guests;

/// <summary>
/// The mipsel cross toolchain for small test programs: assemble, link at a kseg0 address, extract .text, compile a
/// one-file bare-metal C program. (The multi-file guests of tests/guests are built by <see cref="GuestProgram"/>.)
/// </summary>
public static class MipselToolchain
{
    /// <summary>Debian's mipsel binutils insert a SYNC before every LL by default (a Loongson 3 erratum workaround);
    /// turned off, so that the assembled words are exactly the instructions written.</summary>
    public static readonly IReadOnlyList<string> AssemblerFlags = ["-march=mips32r2", "-EL", "-mno-fix-loongson3-llsc"];

    /// <summary>The kseg0 address QEMU's -kernel and the board load bare-metal test programs at.</summary>
    public const uint KernelText = 0x8010_0000;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    /// <summary>Assembles <paramref name="source"/> into <paramref name="objectPath"/> (little-endian MIPS32R2 unless
    /// <paramref name="flags"/> says otherwise).</summary>
    public static void Assemble(string source, string objectPath, IReadOnlyList<string>? flags = null) =>
        CrossTools.RunChecked(CrossTools.Require("mipsel-linux-gnu-as"), [.. flags ?? AssemblerFlags, "-o", objectPath, source], Timeout);

    /// <summary>Links <paramref name="objectPath"/> statically with .text at <paramref name="textAddress"/>.</summary>
    /// <param name="extra">more ld options (-EB, -Tdata=...)</param>
    public static void Link(string objectPath, string elf, uint textAddress = KernelText, string entry = "_start", IReadOnlyList<string>? extra = null) =>
        CrossTools.RunChecked(CrossTools.Require("mipsel-linux-gnu-ld"),
            [.. extra ?? ["-EL"], "-static", $"-Ttext=0x{textAddress:x8}", "-e", entry, "-o", elf, objectPath], Timeout);

    /// <summary>Assembles and links <paramref name="source"/> into <paramref name="elf"/> (the object file next to it).</summary>
    public static string AssembleAndLink(string source, string elf, uint textAddress = KernelText, string entry = "_start")
    {
        var objectPath = Path.ChangeExtension(elf, ".o");
        Assemble(source, objectPath);
        Link(objectPath, elf, textAddress, entry);
        return elf;
    }

    /// <summary>Bare-metal MIPS32R2 little-endian, no FPU, no PIC/abicalls, no small-data.</summary>
    public static readonly IReadOnlyList<string> BareMetalCFlags =
    [
        "-march=mips32r2", "-EL", "-msoft-float", "-ffreestanding", "-nostdlib", "-fno-pic", "-mno-abicalls", "-G0", "-O2",
        "-static", "-no-pie",
    ];

    /// <summary>Compiles and links a one-file bare-metal C program with .text at 0x80100000 and entry _start (which the
    /// program puts first, in .text.start).</summary>
    public static string CompileBareMetal(string source, string elf)
    {
        CrossTools.RunChecked(CrossTools.Require("mipsel-linux-gnu-gcc"),
            [.. BareMetalCFlags, $"-Wl,-Ttext=0x{KernelText:x8}", "-Wl,-e,_start", "-o", elf, source], Timeout);
        return elf;
    }

    /// <summary>The raw bytes of <paramref name="elf"/>'s .text section (objcopy -O binary).</summary>
    public static byte[] TextBytes(string elf)
    {
        var binary = Path.ChangeExtension(elf, ".bin");
        CrossTools.RunChecked(CrossTools.Require("mipsel-linux-gnu-objcopy"), ["-O", "binary", "-j", ".text", elf, binary], Timeout);
        return File.ReadAllBytes(binary);
    }
}
