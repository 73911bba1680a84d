namespace Virtualizability.Guests;

/// <summary>
/// One program of tests/foreign-guests: built the way other people build bare-metal MIPS programs (no common
/// runtime, each with its own gcc flags, often the toolchain's defaults), with one gcc command; its console output
/// as captured from QEMU 7.2 is expected/<see cref="Expected"/>.txt.
/// </summary>
public sealed record ForeignProgram(string Name, IReadOnlyList<string> Sources, IReadOnlyList<string> Flags, string Expected)
{
    private static readonly string[] DefaultsFreestanding = ["-ffreestanding", "-nostdlib", "-static"];
    private static readonly string[] Calc = ["start-abicalls.S", "calc.c"];

    public static readonly IReadOnlyList<ForeignProgram> All =
    [
        new("entry-registers", ["entry-registers.S"],
            ["-march=mips32r2", "-nostdlib", "-static", "-no-pie", "-mno-abicalls", "-fno-pic", "-Wl,-Ttext=0x80100000", "-Wl,-e,_start"], "entry-registers"),
        new("hello-low", ["hello-low.S"], ["-nostdlib", "-static", "-Wl,-Ttext=0x80000000", "-Wl,-e,_start"], "hello-low"),
        new("uart-probe", ["uart-probe.c"], ["-O2", .. DefaultsFreestanding, "-Wl,-Ttext=0x80100000"], "uart-probe"),
        new("yamon-console", ["yamon-console.c"], ["-O2", .. DefaultsFreestanding, "-Wl,-Ttext=0x80100000"], "yamon-console"),
        new("calc-abicalls", Calc, ["-O2", .. DefaultsFreestanding, "-Wl,-Ttext=0x80100000", "-lgcc"], "calc"),
        new("calc-abicalls-O0", Calc, ["-O0", .. DefaultsFreestanding, "-Wl,-Ttext=0x80100000", "-lgcc"], "calc"),
        new("calc-static-pie", Calc, ["-O2", "-ffreestanding", "-nostdlib", "-static-pie", "-fpie", "-Wl,-Ttext=0x80100000", "-lgcc"], "calc"),
        new("calc-kseg1-small-data", ["start-small-data.S", "calc.c"],
            ["-Os", "-march=mips32", "-mno-abicalls", "-fno-pic", .. DefaultsFreestanding, "-Wl,-Ttext=0xa0200000", "-lgcc"], "calc"),
    ];

    public static ForeignProgram Named(string name) =>
        All.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"no foreign program '{name}'", nameof(name));

    /// <summary>tests/foreign-guests as copied next to the assembly that uses this library.</summary>
    public static string SourceRoot { get; } = Path.Combine(AppContext.BaseDirectory, "foreign-guests");

    public string ExpectedOutput => File.ReadAllText(Path.Combine(SourceRoot, "expected", Expected + ".txt"));

    /// <summary>Compiles and links the program with one gcc command into <paramref name="directory"/>; returns the ELF path.</summary>
    public string Build(string directory)
    {
        var elf = Path.Combine(directory, Name + ".elf");
        // Sources first, libraries (-lgcc) after them, as a command line written by hand has them.
        var libraries = Flags.Where(f => f.StartsWith("-l", StringComparison.Ordinal)).ToList();
        CrossTools.RunChecked(CrossTools.Require("mipsel-linux-gnu-gcc"),
            [.. Flags.Except(libraries), "-o", elf, .. Sources.Select(s => Path.Combine(SourceRoot, s)), .. libraries], TimeSpan.FromMinutes(2));
        return elf;
    }

    public override string ToString() => Name;
}
