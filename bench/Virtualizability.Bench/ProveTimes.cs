using System.Diagnostics;
using Virtualizability.Analysis;
using Virtualizability.Isa;
using Virtualizability.Proofs;

namespace Virtualizability.Bench;

/// <summary>
/// Issue 6's benchmark: the wall time of `pgcheck prove` for each virtualizable corpus spec (the checker's innocuous
/// set, then every obligation, as the command runs them), next to its target: mips32 at most 60 s, the others 10 s.
/// </summary>
internal static class ProveTimes
{
    private static readonly (string Spec, double TargetSeconds)[] Corpus =
        [("pg-machine.isa", 10), ("riscv.isa", 10), ("s360.isa", 10), ("mips32.isa", 60)];

    public static void Print()
    {
        foreach (var (spec, target) in Corpus)
        {
            var model = IsaFrontEnd.LoadFile(SpecPaths.Find(spec)).Model ?? throw new InvalidOperationException($"{spec} does not load");
            if (VmmProver.AllocatorFor(model) is not { } allocator)
            {
                Console.WriteLine($"prove {spec}: no allocator proof model, nothing to prove (docs/vmm-proofs.md; target {target:F0} s)");
                continue;
            }
            // A budget of five times the target keeps the run bounded while a spec is far from it (mips32's obligations
            // take minutes each today): what is left is reported as not attempted, never as proved.
            // The split `pgcheck prove` uses by default for the spec (mips32: on outcomes).
            var options = new ProofOptions
            {
                Budget = TimeSpan.FromSeconds(BudgetFactor * target),
                OutcomeSplit = allocator.PrefersOutcomeSplit ? Proofs.Obligations.OutcomeSplitRule.Default : null,
            };
            // Process CPU as well as wall time: the machine is shared, and at a high load the wall time says little.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var analysis = SpecAnalyzer.Check(model, new AnalysisOptions { Definitions = [options.Definition], Timeout = options.Timeout });
            var innocuous = EfficiencyScope.Of(analysis.Definitions[0]);
            var report = VmmProver.Prove(model, allocator, innocuous, options, spec);
            watch.Stop();
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var proved = report.Results.Count(r => r.Verdict == Proofs.Solving.ProofVerdict.Proved);
            var verdict = watch.Elapsed.TotalSeconds <= target && !report.Unknown.Any() ? "meets" : "OVER";
            var notAttempted = report.Unknown.Count(r => r.Reason?.StartsWith("not attempted", StringComparison.Ordinal) == true);
            Console.WriteLine($"prove {spec}: {watch.Elapsed.TotalSeconds:F1} s wall, {cpuSeconds:F1} s CPU, {proved} proved, {report.Failed.Count()} failed, " +
                              $"{report.Unknown.Count()} unknown of which {notAttempted} not attempted within the {BudgetFactor * target:F0} s budget " +
                              $"({verdict} the {target:F0} s target; load average {LoadAverage()})");
        }
    }

    private const int BudgetFactor = 5;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
