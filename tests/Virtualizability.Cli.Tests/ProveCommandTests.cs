using System.Text.Json.Nodes;
using Xunit;

namespace Virtualizability.Cli.Tests;

/// <summary>`pgcheck prove --instruction`: only the named instructions' obligations are proved and written.</summary>
public sealed class ProveCommandTests : IDisposable
{
    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("pgcheck-prove");

    public void Dispose() => _out.Delete(recursive: true);

    [Fact]
    public void Only_the_named_instructions_obligations_are_proved_and_written()
    {
        var result = PgcheckProcess.Run("prove", PgcheckProcess.Spec("pg-machine.isa"), "--out", _out.FullName, "-i", "ADD", "--instruction", "LW");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(_out.FullName, "manifest.json")))!;
        var obligations = manifest["obligations"]!.AsArray();
        Assert.Equal(["ADD", "LW"], obligations.Select(o => (string)o!["instruction"]!).Distinct().Order());
        Assert.All(obligations, o => Assert.Equal("proved", (string)o!["verdict"]!));
        // ADD is innocuous (equivalence, efficiency, resource control); LW too.
        Assert.Contains(obligations, o => (string)o!["file"]! == "ADD.efficiency.smt2");
        var written = _out.GetFiles("*.smt2").Select(f => f.Name).Where(n => !n.StartsWith("lemma.", StringComparison.Ordinal)).Order();
        Assert.Equal(obligations.Select(o => (string)o!["file"]!).Order(), written);
    }

    [Fact]
    public void Split_on_outcomes_equivalence_is_proved_in_parts_each_with_its_file()
    {
        var result = PgcheckProcess.Run("prove", PgcheckProcess.Spec("pg-machine.isa"), "--out", _out.FullName, "-i", "SETR", "--split", "outcome");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("parts)", result.Stdout);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(_out.FullName, "manifest.json")))!;
        var equivalence = manifest["obligations"]!.AsArray().Single(o => (string)o!["property"]! == "equivalence")!;
        Assert.Equal("proved", (string)equivalence["verdict"]!);
        var parts = equivalence["parts"]!.AsArray();
        Assert.Contains(parts, p => (string)p!["part"]! == "outcome-none");
        Assert.All(parts, p => Assert.True(File.Exists(Path.Combine(_out.FullName, (string)p!["file"]!))));
        Assert.False(File.Exists(Path.Combine(_out.FullName, "SETR.equivalence.smt2")));
    }

    [Fact]
    public void Files_the_recheck_cannot_decide_in_its_limit_are_not_confirmed_and_the_run_is_undecided()
    {
        // z3 proves SETR's obligations; cvc5 given 1 ms per file answers none of them: exit 3, not 2 (no contrary answer).
        var result = PgcheckProcess.Run("prove", PgcheckProcess.Spec("pg-machine.isa"), "--out", _out.FullName, "-i", "SETR",
            "--recheck", "cvc5", "--recheck-timeout-ms", "1");
        Assert.True(result.ExitCode == 3, result.Stdout + result.Stderr);
        Assert.Contains("NOT CONFIRMED: proved, the recheck says unknown", result.Stdout);
        Assert.DoesNotContain("DISAGREEMENT", result.Stdout);
        Assert.Matches(@"\d+ decided by one solver only", result.Stdout);
        var equivalence = JsonNode.Parse(File.ReadAllText(Path.Combine(_out.FullName, "manifest.json")))!["obligations"]!.AsArray()
            .Single(o => (string)o!["property"]! == "equivalence")!;
        Assert.Equal("proved", (string)equivalence["verdict"]!);
        Assert.Equal("unknown", (string)equivalence["recheck"]!["verdict"]!);
    }

    [Fact]
    public void An_unknown_instruction_is_a_usage_error_without_a_stack_trace()
    {
        var result = PgcheckProcess.Run("prove", PgcheckProcess.Spec("pg-machine.isa"), "--instruction", "NOPE");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no instruction NOPE in", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
