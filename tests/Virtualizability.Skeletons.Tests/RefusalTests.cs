namespace Virtualizability.Skeletons.Tests;

/// <summary>A spec whose Theorem 1 fails gets no skeleton, unless --hybrid is asked for and Theorem 3 holds.</summary>
public sealed class RefusalTests
{
    [Fact]
    public void PgJrstIsRefusedWithItsViolationListed()
    {
        var model = Tools.Load("variants/pg-jrst.isa");
        var report = Tools.Check(model);
        var refused = Assert.Throws<SkeletonRefusedException>(() => SkeletonGenerator.Generate(Tools.Request(model, report, "/tmp/unused")));
        Assert.Contains("Theorem 1 fails", refused.Message);
        Assert.Contains("--hybrid", refused.Message);
        var violation = Assert.Single(refused.Violations);
        Assert.StartsWith("RETU: mode-sensitive, not privileged; witness: word 0xe0000000", violation);
    }

    [Fact]
    public void PgcheckRefusesWithExitTwoAndWritesNothing()
    {
        var scratch = Tools.ScratchDirectory("refusal");
        var output = Path.Combine(scratch, "vmm");
        var result = Tools.Pgcheck(Path.Combine(scratch, "cache"), "vmm", "generate", Tools.Spec("variants/pg-jrst.isa"), "--out", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not virtualizable (Theorem 1 fails", result.Stderr);
        Assert.Contains("  RETU: mode-sensitive, not privileged; witness: ", result.Stderr);
        Assert.False(Directory.Exists(output));
        Directory.Delete(scratch, recursive: true);
    }

    [Fact]
    public void HybridSkeletonOfPgJrstRunsTheSampleGuestAsTheBareMachine()
    {
        var model = Tools.Load("variants/pg-jrst.isa");
        var files = SkeletonGenerator.Generate(Tools.Request(model, Tools.Check(model), "/tmp/unused", hybrid: true));
        Assert.Contains("public const bool Hybrid = true;", files.Single(f => f.Path == "Vmm/Dispatcher.cs").Text);
        Assert.Contains("Theorem1Violations = [\"RETU\"]", files.Single(f => f.Path == "Vmm/Classification.cs").Text);
        Assert.Contains("Violates Theorem 1", files.Single(f => f.Path == "Interpreters/Unprivileged/RETU.cs").Text);

        var scratch = Tools.ScratchDirectory("hybrid");
        var app = InProcessCompiler.BuildApp(files, "jrst", scratch);
        var skeleton = Tools.Run("dotnet", [app, Tools.SampleGuest, "--stats"]);
        var bare = Tools.Pgcheck(Path.Combine(scratch, "cache"), "run", Tools.SampleGuest, "--isa", Tools.Spec("variants/pg-jrst.isa"));
        Assert.True(skeleton.ExitCode == 0, skeleton.Stderr);
        Assert.Equal(bare.Stdout, skeleton.Stdout);
        Assert.StartsWith("pg\n3u2153\nhalted: ", skeleton.Stdout);
        // Supervisor code is interpreted step by step; the user task's loop still runs directly.
        Assert.Matches(@"interpreted in virtual supervisor mode: [1-9]", skeleton.Stderr);
        Assert.Matches(@"directly executed: [1-9][0-9]{3} ", skeleton.Stderr);
        Directory.Delete(scratch, recursive: true);
    }

    /// <summary>
    /// The PDP-11 (tests/unseen-specs/pdp11.isa) fails Theorem 1 and satisfies Theorem 3; its trap entry exchanges the
    /// kernel and user maps (resources). The generated dispatcher used to stop the real run for virtual supervisor code
    /// without loading the real resources, so the end of the slice copied the stale real ones (the user map) back over
    /// the VM's: the guest's trap handler was fetched through the user map, and the VMM printed "h" where the bare
    /// machine prints "hpt\n".
    /// </summary>
    [Fact]
    public void HybridSkeletonOfThePdp11KeepsTheMapsItsTrapEntryExchanges()
    {
        const string spec = "../tests/unseen-specs/pdp11.isa";
        var model = Tools.Load(spec);
        var report = Tools.Check(model);
        Assert.True(report.Virtualizable.IsNo);
        Assert.Throws<SkeletonRefusedException>(() => SkeletonGenerator.Generate(Tools.Request(model, report, "/tmp/unused")));
        var files = SkeletonGenerator.Generate(Tools.Request(model, report, "/tmp/unused", hybrid: true));

        var scratch = Tools.ScratchDirectory("pdp11");
        var app = InProcessCompiler.BuildApp(files, "pdp11", scratch);
        var guest = Path.Combine(Tools.RepositoryRoot, "tests", "guests", "pdp11", "sample.hex");
        var skeleton = Tools.Run("dotnet", [app, guest, "--stats"]);
        var bare = Tools.Pgcheck(Path.Combine(scratch, "cache"), "run", guest, "--isa", Tools.Spec(spec));
        Assert.True(skeleton.ExitCode == 0, skeleton.Stderr);
        Assert.StartsWith("hpt\nhalted: R[0]=0x1345 ", bare.Stdout);
        Assert.Equal(bare.Stdout, skeleton.Stdout);
        // The user code's SPL, MOV, ADD and RESET run directly; its HALT and TRAP are reflected.
        Assert.Contains("directly executed: 4 ", skeleton.Stderr);
        Assert.Contains("reflected to the guest:\n  IllegalInstruction: 1\n  TrapTrap: 1\n", skeleton.Stderr);
        Directory.Delete(scratch, recursive: true);
    }

    [Fact]
    public void OutputThatIsAFileOrANamespaceThatIsAKeywordIsRefusedBeforeTheChecker()
    {
        var scratch = Tools.ScratchDirectory("refusal-out");
        var file = Path.Combine(scratch, "a-file");
        File.WriteAllText(file, "mine");
        var cache = Path.Combine(scratch, "cache");
        var intoFile = Tools.Pgcheck(cache, "vmm", "generate", Tools.Spec("pg-machine.isa"), "--out", file);
        Assert.Equal(1, intoFile.ExitCode);
        Assert.Contains($"--out: '{file}' is a file, not a directory", intoFile.Stderr);
        var under = Tools.Pgcheck(cache, "vmm", "generate", Tools.Spec("pg-machine.isa"), "--out", Path.Combine(file, "vmm"));
        Assert.Equal(1, under.ExitCode);
        Assert.Contains("is a file, so", under.Stderr);
        var keyword = Tools.Pgcheck(cache, "vmm", "generate", Tools.Spec("pg-machine.isa"), "--out", Path.Combine(scratch, "vmm"), "--namespace", "class.Vmm");
        Assert.Equal(1, keyword.ExitCode);
        Assert.Contains("'class' is a C# keyword", keyword.Stderr);
        Assert.Equal("mine", File.ReadAllText(file));
        // Refused before the checker ran: it would have filled the cache.
        Assert.False(Directory.Exists(cache) && Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories).Any());
        Directory.Delete(scratch, recursive: true);
    }

    [Fact]
    public void FilesOfADirectoryInUseAreNotReplacedWithoutForce()
    {
        var scratch = Tools.ScratchDirectory("refusal-replace");
        var output = Path.Combine(scratch, "vmm");
        var cache = Path.Combine(scratch, "cache");
        Directory.CreateDirectory(output);
        var readme = Path.Combine(output, "README.md");
        File.WriteAllText(readme, "someone's notes");
        var refused = Tools.Pgcheck(cache, "vmm", "generate", Tools.Spec("pg-machine.isa"), "--out", output);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("1 file(s) the skeleton would replace: README.md", refused.Stderr);
        Assert.Equal("someone's notes", File.ReadAllText(readme));
        Assert.Single(Directory.EnumerateFileSystemEntries(output));

        var forced = Tools.Pgcheck(cache, "vmm", "generate", Tools.Spec("pg-machine.isa"), "--out", output, "--force");
        Assert.True(forced.ExitCode == 0, forced.Stderr);
        Assert.NotEqual("someone's notes", File.ReadAllText(readme));
        // Generating the same skeleton again changes no file, so it needs no --force.
        var again = Tools.Pgcheck(cache, "vmm", "generate", Tools.Spec("pg-machine.isa"), "--out", output);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Directory.Delete(scratch, recursive: true);
    }
}
