namespace Virtualizability.Skeletons.Tests;

/// <summary>
/// The identity allocator at run time: a riscv skeleton (compiled in process) runs an M-mode guest that prints through
/// the console. In real user mode every fetch faults (no PMP entry), so the dispatcher interprets each instruction;
/// the output is the bare machine's. The mips32 skeleton likewise, from kseg0 (its reset PC, 0xbfc00000, is beyond the
/// sample board's RAM: the guest is loaded with --load and started with --set, as `pgcheck run` does it).
/// </summary>
public sealed class IdentityRunTests
{
    private const string Guest = """
        # riscv, M-mode at 0x1000: prints "ok\n" through the console at 0xfffffff0, then loops
        06f00113  # addi x2, x0, 0x6f
        fe200823  # sb x2, -16(x0)
        06b00113  # addi x2, x0, 0x6b
        fe200823  # sb x2, -16(x0)
        00a00113  # addi x2, x0, 0x0a
        fe200823  # sb x2, -16(x0)
        0000006f  # jal x0, 0
        """;

    [Fact]
    public void RiscvSkeletonPrintsWhatTheBareMachinePrints()
    {
        var model = Tools.Load("riscv.isa");
        var files = SkeletonGenerator.Generate(Tools.Request(model, Tools.Check(model, "ADDI", "SB", "JAL"), "/tmp/unused"));
        var scratch = Tools.ScratchDirectory("riscv");
        var guest = Path.Combine(scratch, "console.hex");
        File.WriteAllText(guest, Guest);
        var app = InProcessCompiler.BuildApp(files, "rv", scratch);

        var skeleton = Tools.Run("dotnet", [app, guest, "--max-instructions", "50", "--stats"]);
        var bare = Tools.Pgcheck(Path.Combine(scratch, "cache"), "run", guest, "--isa", Tools.Spec("riscv.isa"), "--max-instructions", "50");

        Assert.Equal("ok\n", bare.Stdout);
        Assert.Equal(bare.Stdout, skeleton.Stdout);
        Assert.Equal(4, bare.ExitCode);
        Assert.Equal(4, skeleton.ExitCode);
        Assert.Contains("emulated instructions:\n  JAL: 44\n  ADDI: 3\n  SB: 3\n", skeleton.Stderr);
        Directory.Delete(scratch, recursive: true);
    }

    [Fact]
    public void Mips32SkeletonLoadsWhereToldAndPrintsWhatTheBareMachinePrints()
    {
        var model = Tools.Load("mips32.isa");
        var files = SkeletonGenerator.Generate(Tools.Request(model, Tools.Check(model, "LUI", "ADDIU", "SB", "BEQ"), "/tmp/unused"));
        var scratch = Tools.ScratchDirectory("mips32");
        var app = InProcessCompiler.BuildApp(files, "mips", scratch);
        var guest = Path.Combine(Tools.RepositoryRoot, "tests", "guests", "mips32", "sample.hex");
        string[] board = ["--load", "0", "--set", "PC=0x80000000", "--set", "NPC=0x80000004", "--console", "0x100000", "--max-instructions", "40"];

        var skeleton = Tools.Run("dotnet", [app, guest, "--memory", "0x100000", .. board, "--stats"]);
        var bare = Tools.Pgcheck(Path.Combine(scratch, "cache"), ["run", guest, "--isa", Tools.Spec("mips32.isa"), "--memory", "1M", .. board]);
        // At the reset PC the image would lie beyond RAM: refused with the way out, not run as zeros.
        var refused = Tools.Run("dotnet", [app, guest]);
        var refusedBare = Tools.Pgcheck(Path.Combine(scratch, "cache"), "run", guest, "--isa", Tools.Spec("mips32.isa"));
        var unknownRegister = Tools.Run("dotnet", [app, guest, "--set", "GPR[32]=1"]);

        Assert.Equal("ok\n", bare.Stdout);
        Assert.Equal(bare.Stdout, skeleton.Stdout);
        Assert.Equal(4, bare.ExitCode);
        Assert.Equal(4, skeleton.ExitCode);
        // Kernel code at kseg0 faults in real user mode: every instruction is interpreted.
        Assert.Contains("directly executed: 0 ", skeleton.Stderr);
        Assert.Contains("  SB: 3\n", skeleton.Stderr);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("at guest-physical 0xbfc00000 does not fit in RAM", refused.Stderr);
        Assert.Equal(1, refusedBare.ExitCode);
        Assert.Contains("at guest-physical 0xbfc00000 (PC after reset and --set) does not fit in RAM", refusedBare.Stderr);
        Assert.DoesNotContain("   at ", refusedBare.Stderr);
        Assert.Equal(1, unknownRegister.ExitCode);
        Assert.Contains("--set 'GPR[32]=1'", unknownRegister.Stderr);
        Directory.Delete(scratch, recursive: true);
    }
}
