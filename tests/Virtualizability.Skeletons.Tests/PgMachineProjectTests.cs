namespace Virtualizability.Skeletons.Tests;

/// <summary>
/// The whole path a user takes: `pgcheck vmm generate` for pg-machine, `dotnet build` of the project as generated
/// (warnings are errors there), and the sample guest run by the built skeleton against `pgcheck run --vmm` and the
/// bare `pgcheck run`. The only MSBuild build of a generated project in the suite (about a minute on this machine).
/// </summary>
public sealed class PgMachineProjectTests
{
    private const string ExpectedConsole = "pg\n3u2153\n";

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public void GeneratedProjectBuildsAndRunsTheSampleGuestAsPgcheckRunVmmDoes()
    {
        var scratch = Tools.ScratchDirectory("pg-machine");
        var output = Path.Combine(scratch, "vmm");
        var cache = Path.Combine(scratch, "cache");

        var generated = Tools.Pgcheck(cache, "vmm", "generate", Tools.Spec("pg-machine.isa"), "--out", output, "--namespace", "Pg.Vmm");
        Assert.True(generated.ExitCode == 0, generated.Stderr);
        Assert.Contains("allocator: RelocationBounds", generated.Stdout);

        // The configuration the tests were built in: the repository's libraries are then up to date, not rebuilt.
        var build = Tools.Run("dotnet", ["build", output, "-c", Configuration, "--nologo", "-v", "q"]);
        Assert.True(build.ExitCode == 0, build.Stdout + build.Stderr);
        Assert.Contains(" 0 Warning(s)", build.Stdout);

        var skeleton = Tools.Run("dotnet", [Path.Combine(output, "bin", Configuration, "net10.0", "pg_machine.Vmm.dll"), Tools.SampleGuest]);
        var vmm = Tools.Pgcheck(cache, "run", Tools.SampleGuest, "--isa", Tools.Spec("pg-machine.isa"), "--vmm");
        var bare = Tools.Pgcheck(cache, "run", Tools.SampleGuest, "--isa", Tools.Spec("pg-machine.isa"));

        Assert.True(skeleton.ExitCode == 0, skeleton.Stderr);
        Assert.True(vmm.ExitCode == 0, vmm.Stderr);
        Assert.StartsWith(ExpectedConsole + "halted: M=0x0 ", vmm.Stdout);
        Assert.Equal(vmm.Stdout, skeleton.Stdout);
        Assert.Equal(bare.Stdout, vmm.Stdout);
        Directory.Delete(scratch, recursive: true);
    }
}
