namespace Virtualizability.Guests;

/// <summary>
/// One bare-metal guest program of tests/guests and its build recipe: every source is compiled on its own with the
/// mipsel cross gcc, then linked with a linker script at kseg0 0x80100000 (tests/guests/build.sh is the same
/// recipe for humans).
/// </summary>
public sealed record GuestProgram(string Name, IReadOnlyList<string> Sources, string LinkerScript)
{
    /// <summary>Bare-metal MIPS32R2 little-endian, no FPU, no PIC/abicalls, no small-data; warnings are errors.
    /// -fno-tree-loop-distribute-patterns keeps gcc from turning the runtime's memset/memcpy loops into calls to
    /// themselves; 64-bit division comes from common/runtime.c, not libgcc (Debian's mipsel libgcc.a is
    /// abicalls/hard-float code and does not link cleanly with these objects).</summary>
    public static readonly IReadOnlyList<string> CompileFlags =
    [
        "-march=mips32r2", "-EL", "-msoft-float", "-ffreestanding", "-nostdlib", "-fno-pic", "-mno-abicalls", "-G0",
        "-O2", "-Wall", "-Wextra", "-Werror", "-fno-tree-loop-distribute-patterns", "-fno-asynchronous-unwind-tables",
    ];

    public static readonly IReadOnlyList<string> LinkFlags =
        ["-static", "-no-pie", "-nostdlib", "-Wl,--build-id=none", "-Wl,--fatal-warnings"];

    private static readonly string[] Common = ["common/start.S", "common/vectors.S", "common/runtime.c"];

    public static readonly GuestProgram ArithSort = new("arith-sort", [.. Common, "arith-sort/main.c"], "common/link.ld");

    public static readonly GuestProgram Exceptions =
        new("exceptions", [.. Common, "exceptions/tests.S", "exceptions/main.c"], "common/link.ld");

    public static readonly GuestProgram KernelUser = new("kernel-user",
        [.. Common, "kernel-user/refill.S", "kernel-user/kernel.c", "kernel-user/task.c"], "kernel-user/link.ld");

    public static readonly GuestProgram CrcBench = new("crc-bench", [.. Common, "crc-bench/main.c"], "common/link.ld");

    public static readonly GuestProgram UserCompute = new("user-compute",
        [.. Common, "user-compute/kernel.c", "user-compute/task.c"], "user-compute/link.ld");

    /// <summary>A trial guest with its own start-up (not common/): all 256 ASIDs, TLB rewrites, timer interrupts and LL/SC in user mode.</summary>
    public static readonly GuestProgram AsidWrap = new("asid-wrap", ["asid-wrap/start.S", "asid-wrap/main.c"], "asid-wrap/link.ld");

    public static readonly IReadOnlyList<GuestProgram> All = [ArithSort, Exceptions, KernelUser, CrcBench, UserCompute, AsidWrap];

    public static GuestProgram Named(string name) =>
        All.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"no guest program '{name}'", nameof(name));

    /// <summary>tests/guests as copied next to the assembly that uses this library.</summary>
    public static string SourceRoot { get; } = Path.Combine(AppContext.BaseDirectory, "guests");

    /// <summary>The console output QEMU printed for this program, checked by hand (tests/guests/NAME/expected.txt).</summary>
    public string ExpectedOutput => File.ReadAllText(Path.Combine(SourceRoot, Name, "expected.txt"));

    /// <summary>Compiles and links the program into <paramref name="directory"/>; returns the ELF path.</summary>
    public string Build(string directory)
    {
        var gcc = CrossTools.Require("mipsel-linux-gnu-gcc");
        var timeout = TimeSpan.FromMinutes(2);
        var objects = new List<string>();
        foreach (var source in Sources)
        {
            var objectPath = Path.Combine(directory, Path.GetFileNameWithoutExtension(source) + ".o");
            if (objects.Contains(objectPath)) throw new InvalidOperationException($"{Name}: two sources named like {source}");
            CrossTools.RunChecked(gcc, [.. CompileFlags, "-c", "-o", objectPath, Path.Combine(SourceRoot, source)], timeout);
            objects.Add(objectPath);
        }
        var elf = Path.Combine(directory, Name + ".elf");
        CrossTools.RunChecked(gcc,
            [.. CompileFlags, .. LinkFlags, "-T", Path.Combine(SourceRoot, LinkerScript), "-o", elf, .. objects], timeout);
        return elf;
    }

    public override string ToString() => Name;
}
