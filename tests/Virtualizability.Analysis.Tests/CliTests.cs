using System.Diagnostics;

namespace Virtualizability.Analysis.Tests;

/// <summary>`pgcheck check` as a process: its exit codes.</summary>
public class CliTests
{
    internal static (int Code, string Out, string Err) Pgcheck(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Specs.Root };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pgcheck.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Virtualizable_spec_exits_0()
    {
        var (code, stdout, _) = Pgcheck("check", "isa-specs/pg-machine.isa", "--definition", "classic");
        Assert.Equal(0, code);
        Assert.Contains("Theorem 1 (virtualizable): yes", stdout);
    }

    [Fact]
    public void Failing_theorem_1_exits_2_and_shows_the_witness()
    {
        var (code, stdout, _) = Pgcheck("check", "isa-specs/variants/pg-jrst.isa", "--definition", "classic", "-i", "RETU", "-i", "LW");
        Assert.Equal(2, code);
        Assert.Contains("violation RETU", stdout);
        Assert.Contains("differs: M: 0x0 vs 0x1", stdout);
    }

    [Theory]
    [InlineData("check", "isa-specs/no-such.isa")]
    [InlineData("check", "isa-specs/pg-machine.isa", "--definition", "bogus")]
    [InlineData("check", "isa-specs/pg-machine.isa", "--instruction", "NOSUCH")]
    [InlineData("check", "isa-specs/pg-machine.isa", "--timeout-ms", "0")]
    public void Bad_input_exits_1(params string[] args) => Assert.Equal(1, Pgcheck(args).Code);

    [Fact]
    public void Json_to_a_file_and_emitted_smt_files()
    {
        var dir = Directory.CreateTempSubdirectory("pgcheck-test").FullName;
        try
        {
            var output = Path.Combine(dir, "out.json");
            var smt = Path.Combine(dir, "smt");
            var (code, _, _) = Pgcheck("check", "isa-specs/pg-machine.isa", "--definition", "all", "--format", "json", "-o", output, "--emit-smt", smt, "-i", "GETR");
            Assert.Equal(0, code);
            Assert.StartsWith("[", File.ReadAllText(output).TrimStart());
            Assert.True(File.Exists(Path.Combine(smt, "pg_machine.GETR.not-privileged.classic.smt2")));
            Assert.True(File.Exists(Path.Combine(smt, "pg_machine.GETR.location-sensitive.classic.smt2")));
            Assert.True(File.Exists(Path.Combine(smt, "pg_machine.GETR.per-state-location.per-state.smt2")));
            Assert.Contains("(check-sat)", File.ReadAllText(Path.Combine(smt, "pg_machine.GETR.not-privileged.classic.smt2")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
