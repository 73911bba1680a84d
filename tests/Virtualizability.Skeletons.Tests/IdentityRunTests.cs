namespace Virtualizability.Skeletons.Tests;

/// <summary>
/// The identity allocator at run time: a riscv skeleton (compiled in process) runs an M-mode guest that prints through
/// the console. In real user mode every fetch faults (no PMP entry), so the dispatcher interprets each instruction;
/// the output is the bare machine's.
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
}
