using Virtualizability.Cli.Commands;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Solving.Z3;

namespace Virtualizability.Analysis.Tests;

/// <summary>
/// Timeouts and unknowns are answers of their own, never verdicts. These tests are about the solver's answers, so
/// the concrete witness search (which answers "yes" without a query) is off where it would hide them.
/// </summary>
public class UndecidedTests
{
    /// <summary>A back end whose every answer is a timeout, as a solver out of time gives.</summary>
    internal sealed class AlwaysTimesOut : ISolverBackend
    {
        public string Name => "always-timeout";
        public SolverResult Check(Query query, TimeSpan timeout, CancellationToken cancellationToken = default) => new SolverResult.Timeout(timeout);
    }

    [Fact]
    public void When_every_query_times_out_nothing_is_decided_and_the_exit_code_is_3()
    {
        var report = SpecAnalyzer.Check(Specs.Load("variants/pg-jrst.isa"), new AnalysisOptions { Solver = new AlwaysTimesOut(), Definitions = Definitions.All, ConcreteSearch = false });
        foreach (var d in report.Definitions)
        {
            Assert.Equal(Verdict.Unknown, d.Virtualizable.Verdict);
            Assert.Equal(Verdict.Unknown, d.HybridVirtualizable.Verdict);
            Assert.All(d.Instructions, i => Assert.Equal(Verdict.Unknown, i.Privileged.Verdict));
            Assert.Contains("timeout", d.Virtualizable.Reason);
        }
        Assert.Equal(Cli.ExitCodes.Undecided, CheckCommand.ExitCode(report));
    }

    [Fact]
    public void A_fallback_solver_decides_what_the_first_leaves_undecided()
    {
        var model = Specs.Load("variants/pg-jrst.isa");
        var report = SpecAnalyzer.Check(model, new AnalysisOptions { Solver = new AlwaysTimesOut(), FallbackSolver = new Z3InProcessBackend() });
        var full = Specs.CheckAll("variants/pg-jrst.isa").Under(Definition.PerState);
        var d = Assert.Single(report.Definitions);
        Assert.Equal(full.Virtualizable.Verdict, d.Virtualizable.Verdict);
        Assert.Equal(Verdict.No, d.Virtualizable.Verdict);
        Assert.NotNull(d.Row("RETU").Violation.Witness);
        Assert.Empty(report.InternalErrors);
    }

    [Fact]
    public void Undecided_results_are_not_cached_so_the_next_run_asks_again()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"pg-cache-{Guid.NewGuid():N}");
        try
        {
            var model = Specs.Load("variants/pg-jrst.isa");
            SpecAnalyzer.Check(model, new AnalysisOptions { Solver = new AlwaysTimesOut(), CacheDirectory = directory });
            Assert.Empty(Directory.Exists(directory) ? Directory.GetFiles(directory, "*.json", SearchOption.AllDirectories) : []);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_tiny_real_timeout_gives_unknowns_and_never_a_wrong_verdict()
    {
        var model = Specs.Load("variants/pg-jrst.isa");
        var report = SpecAnalyzer.Check(model, new AnalysisOptions { Solver = new Z3InProcessBackend(), Timeout = TimeSpan.FromMilliseconds(1), Definitions = Definitions.All, ConcreteSearch = false });
        var answers = report.Definitions.SelectMany(d => d.Instructions)
            .SelectMany(i => new[] { i.Privileged, i.ControlSensitive, i.ModeSensitive, i.LocationSensitive, i.Violation }).ToList();
        Assert.Contains(answers, a => a.IsUnknown && a.Reason!.Contains("timeout"));
        foreach (var d in report.Definitions)
        {
            // Whatever was decided agrees with the full check; what was not is unknown.
            var full = Specs.CheckAll("variants/pg-jrst.isa").Under(d.Definition);
            if (!d.Virtualizable.IsUnknown) Assert.Equal(full.Virtualizable.Verdict, d.Virtualizable.Verdict);
            foreach (var i in d.Instructions.Where(i => !i.Violation.IsUnknown))
                Assert.Equal(full.Row(i.Name).Violation.Verdict, i.Violation.Verdict);
        }
        Assert.Empty(report.InternalErrors);
    }
}
