using System.Diagnostics;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Solving.External;
using Virtualizability.Smt.Solving.Z3;

namespace Virtualizability.Analysis.Tests;

/// <summary>
/// The back ends behind `--solver z3|z3-cli|cvc5` give the same classification, and the files `--emit-smt` writes are
/// self-contained: the z3 and cvc5 command-line solvers both accept each one and agree on sat/unsat.
/// </summary>
public class SolverAgreementTests
{
    private static readonly string[] Subset = ["LPSW", "SETR", "GETR", "LW", "ADD", "JMP", "SVC", "HALT"];

    private static readonly string[] Answers =
        ["Privileged", "ControlSensitive", "ModeSensitive", "LocationSensitive", "UserSensitive", "Innocuous", "TimeDependent", "Violation", "HybridViolation"];

    private static Dictionary<string, Verdict> Verdicts(SpecReport report) =>
        report.Definitions.SelectMany(d => d.Instructions.SelectMany(i => new (string, Answer)[]
        {
            ("Privileged", i.Privileged), ("ControlSensitive", i.ControlSensitive), ("ModeSensitive", i.ModeSensitive),
            ("LocationSensitive", i.LocationSensitive), ("UserSensitive", i.UserSensitive), ("Innocuous", i.Innocuous),
            ("TimeDependent", i.TimeDependent), ("Violation", i.Violation), ("HybridViolation", i.HybridViolation),
        }.Select(p => ($"{d.Definition.Name()} {i.Name} {p.Item1}", p.Item2.Verdict)))).ToDictionary(p => p.Item1, p => p.Item2);

    [Theory]
    [InlineData("z3-cli")]
    [InlineData("cvc5")]
    public void External_solvers_classify_pg_machine_as_z3_in_process_does(string solver)
    {
        ISolverBackend backend = solver == "cvc5" ? ExternalSolverBackend.Cvc5() : ExternalSolverBackend.Z3();
        var model = Specs.Load("pg-machine.isa");
        var options = new AnalysisOptions { Definitions = Definitions.All, Instructions = Subset, Timeout = TimeSpan.FromSeconds(30) };
        var inProcess = SpecAnalyzer.Check(model, options with { Solver = new Z3InProcessBackend() });
        var external = SpecAnalyzer.Check(model, options with { Solver = backend });
        Assert.Empty(inProcess.InternalErrors);
        Assert.Empty(external.InternalErrors);
        var expected = Verdicts(inProcess);
        var actual = Verdicts(external);
        Assert.All(expected, e => Assert.NotEqual(Verdict.Unknown, e.Value));
        Assert.Equal(expected, actual);
        // Theorem verdicts too (pg-machine is virtualizable under every definition).
        Assert.All(external.Definitions, d => Assert.Equal(Verdict.Yes, d.Virtualizable.Verdict));
        Assert.Equal(Answers.Length * Subset.Length * 3, actual.Count);
    }

    [Fact]
    public void Emitted_smt_files_are_self_contained_and_z3_and_cvc5_agree_on_each()
    {
        var dir = Directory.CreateTempSubdirectory("pgcheck-smt").FullName;
        try
        {
            var model = Specs.Load("variants/pg-jrst.isa");
            SpecAnalyzer.Check(model, new AnalysisOptions { Definitions = Definitions.All, Instructions = ["RETU", "LPSW", "LW"], EmitSmtDirectory = dir });
            var files = Directory.GetFiles(dir, "*.smt2");
            Assert.True(files.Length >= 20, $"only {files.Length} files emitted");
            // Per-property obligations, per definition, and the batches and violation queries actually posed.
            Assert.Contains(files, f => f.EndsWith("pg_jrst.RETU.not-privileged.classic.smt2"));
            Assert.Contains(files, f => f.EndsWith("pg_jrst.RETU.violation-t1.classic.smt2"));
            Assert.Contains(files, f => Path.GetFileName(f).StartsWith("pg_jrst.LW.batch"));
            var answers = new Dictionary<string, int>();
            foreach (var file in files)
            {
                var z3 = FirstLine("z3", file);
                var cvc5 = FirstLine("cvc5", file);
                Assert.True(z3 is "sat" or "unsat", $"z3 on {Path.GetFileName(file)}: {z3}");
                Assert.True(z3 == cvc5, $"{Path.GetFileName(file)}: z3 says {z3}, cvc5 says {cvc5}");
                answers[z3] = answers.GetValueOrDefault(z3) + 1;
            }
            // Both kinds of answer occur, so agreement is not trivial.
            Assert.True(answers.GetValueOrDefault("sat") > 0 && answers.GetValueOrDefault("unsat") > 0);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static string FirstLine(string solver, string file)
    {
        var start = new ProcessStartInfo(solver) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(file);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        if (!p.WaitForExit(60_000)) { p.Kill(); return "timeout"; }
        return stdout.Split('\n', 2)[0].Trim();
    }
}
