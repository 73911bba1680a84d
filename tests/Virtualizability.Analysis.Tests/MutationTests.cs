using Virtualizability.Isa;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Analysis.Tests;

/// <summary>
/// Spec mutation (issue 3, item 5): removing the privilege check from a privileged instruction, in a copy of a corpus
/// spec written at test time, makes the checker report that instruction as a Theorem 1 violation, with a replayed
/// witness pair for one word (sensitive, and not trapping in user mode). Category "Soundness".
/// </summary>
[Trait("Category", "Soundness")]
public class MutationTests
{
    /// <summary>Copies isa-specs (with its includes) to a temporary directory, applies one textual edit, loads the spec.</summary>
    internal static IsaModel Mutated(string spec, string file, string remove, string replacement = "")
    {
        var dir = Directory.CreateTempSubdirectory("pgcheck-mutant").FullName;
        try
        {
            CopyDirectory(Path.Combine(Specs.Root, "isa-specs"), dir);
            var path = Path.Combine(dir, file);
            var text = File.ReadAllText(path);
            var at = text.IndexOf(remove, StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{remove}' not found in {file}");
            File.WriteAllText(path, text[..at] + replacement + text[(at + remove.Length)..]);
            var result = IsaFrontEnd.LoadFile(Path.Combine(dir, spec));
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
            return result.Model!;
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var d in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, d)));
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(f, Path.Combine(to, Path.GetRelativePath(from, f)));
    }

    private static void AssertViolationWithWitness(IsaModel model, string instruction, Definition definition)
    {
        var report = SpecAnalyzer.Check(model, new AnalysisOptions { Definitions = [definition], Instructions = [instruction], Timeout = TimeSpan.FromSeconds(30) });
        Assert.Empty(report.InternalErrors);
        var row = report.Definitions[0].Row(instruction);
        Assert.Equal(Verdict.Yes, row.Violation.Verdict);
        Assert.Equal(Verdict.No, report.Definitions[0].Virtualizable.Verdict);
        Assert.Contains(instruction, report.Definitions[0].Violations.Select(v => v.Name));
        // Every witness shown was replayed on the executable model (the replayer builds it); one word for both.
        Assert.NotNull(row.Violation.Witness);
        if (definition != Definition.PerState)
        {
            Assert.NotNull(row.Violation.SecondWitness);
            Assert.Equal(row.Violation.Witness!.Word, row.Violation.SecondWitness!.Word);
            Assert.Equal(Verdict.No, row.Privileged.Verdict);
        }
    }

    [Theory]
    [InlineData(Definition.Classic)]
    [InlineData(Definition.PerState)]
    public void Pg_machine_lpsw_without_its_privilege_check_is_a_violation(Definition definition)
    {
        var original = SpecAnalyzer.Check(Specs.Load("pg-machine.isa"), new AnalysisOptions { Definitions = [definition], Instructions = ["LPSW"] });
        Assert.Equal(Verdict.No, original.Definitions[0].Row("LPSW").Violation.Verdict);

        var mutant = Mutated("pg-machine.isa", "common/pg-core.isa", "  privileged();\n  let a = translate(G[rb] + imm, 8);", "  let a = translate(G[rb] + imm, 8);");
        AssertViolationWithWitness(mutant, "LPSW", definition);
    }

    [Theory]
    [InlineData(Definition.Classic)]
    [InlineData(Definition.PerState)]
    public void Mips32_mtc0_without_its_cp0_usable_check_is_a_violation(Definition definition)
    {
        var mutant = Mutated("mips32.isa", "mips32.isa", "\"CP0 register (rd, sel) := rt\" {\n  require_cp0();\n", "\"CP0 register (rd, sel) := rt\" {\n");
        AssertViolationWithWitness(mutant, "MTC0", definition);
    }
}
