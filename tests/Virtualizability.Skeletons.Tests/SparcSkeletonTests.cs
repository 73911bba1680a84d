namespace Virtualizability.Skeletons.Tests;

/// <summary>
/// The SPARC V8 spec written outside the corpus (tests/unseen-specs/sparc.isa): its generated skeleton, compiled in
/// process, runs the sample guest (supervisor set-up, a user task with a window overflow, a privileged read and a
/// software trap, and an error-mode halt from the trap handler) and ends in the bare machine's state, as a trap-and-emulate
/// VMM and as a hybrid one.
/// </summary>
public sealed class SparcSkeletonTests
{
    private const string Spec = "../tests/unseen-specs/sparc.isa";

    /// <summary>
    /// The guest halts in the dispatcher (a Ticc with ET = 0 enters error mode after recording tt = 0x80 in TBR). The
    /// dispatcher used to load the real resources only for a VM that resumes, so the end of the slice copied the real TBR
    /// from before the trap (tt = 0x81) back over the virtual one: the skeleton ended with TBR = 0x1810, the bare machine
    /// and `pgcheck run --vmm` with 0x1800.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SparcSkeletonEndsTheSampleGuestInTheBareMachinesState(bool hybrid)
    {
        var model = Tools.Load(Spec);
        var files = SkeletonGenerator.Generate(Tools.Request(model, Tools.Check(model), "/tmp/unused", hybrid));
        var scratch = Tools.ScratchDirectory(hybrid ? "sparc-hybrid" : "sparc");
        var app = InProcessCompiler.BuildApp(files, "sparc", scratch);
        var guest = Path.Combine(Tools.RepositoryRoot, "tests", "guests", "sparc", "sample.hex");

        var skeleton = Tools.Run("dotnet", [app, guest, "--stats"]);
        var bare = Tools.Pgcheck(Path.Combine(scratch, "cache"), "run", guest, "--isa", Tools.Spec(Spec));

        Assert.Equal(0, bare.ExitCode);
        Assert.StartsWith("huozz4Hps\nhalted: PC=0x1214 ", bare.Stdout, StringComparison.Ordinal);
        Assert.Contains(" TBR=0x1800 ", bare.Stdout);
        Assert.True(skeleton.ExitCode == 0, skeleton.Stderr);
        Assert.Equal(bare.Stdout, skeleton.Stdout);
        // The user task's window overflow is the guest's own trap, reflected to its handler.
        Assert.Contains("  WindowOverflow: 1\n", skeleton.Stderr);
        Directory.Delete(scratch, recursive: true);
    }
}
