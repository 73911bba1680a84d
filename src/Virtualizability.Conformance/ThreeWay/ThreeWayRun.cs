using Virtualizability.Conformance.Harness;
using Virtualizability.Execution;

namespace Virtualizability.Conformance.ThreeWay;

/// <summary>Where a case's three runs disagree: after how many steps, and what differs (side-named lines).</summary>
public sealed record ThreeWayDivergence(int Steps, IReadOnlyList<string> Differences);

/// <summary>A run's differences (empty when the three sides agree), and the bare model's steps and exceptions.</summary>
public sealed record ThreeWayResult(IReadOnlyList<string> Differences, long Steps, int Exceptions)
{
    public bool Agrees => Differences.Count == 0;
}

/// <summary>
/// One conformance run: a case on (a) the bare spec model, (b) the spec model under the VMM and (c) the reference
/// interpreter, each for the case's steps; the reference and the VMM are each compared with the bare model (the
/// bare model is the spec, the other two must match it).
/// </summary>
public static class ThreeWayRun
{
    public const string Bare = "spec", Virtualized = "vmm", Reference = "reference";

    /// <summary>
    /// Runs the case for <paramref name="steps"/> steps (its own when null) on the three sides. A side that throws
    /// is a difference too (the VMM must never throw, whatever the guest does).
    /// </summary>
    public static ThreeWayResult Run(CompiledIsa isa, ConformanceCase c, int? steps = null)
    {
        int n = steps ?? c.Steps;
        var ram = c.BuildRam();
        var failures = new List<string>();
        var bare = Guarded(Bare, () => BareModelRun.Run(isa, c, ram, n), failures);
        var reference = Guarded(Reference, () => ReferenceRun.Run(c, ram, n), failures);
        var virtualized = Guarded(Virtualized, () => VirtualizedRun.Run(isa, c, ram, n), failures);
        if (bare is null) return new ThreeWayResult(failures, 0, 0);
        if (reference is not null) failures.AddRange(RunComparison.Differences(Reference, reference, Bare, bare));
        if (virtualized is not null) failures.AddRange(RunComparison.Differences(Virtualized, virtualized, Bare, bare));
        return new ThreeWayResult(failures, bare.Steps, bare.Exceptions.Count);
    }

    public static IReadOnlyList<string> Differences(CompiledIsa isa, ConformanceCase c, int? steps = null) => Run(isa, c, steps).Differences;

    private static RunRecord? Guarded(string side, Func<RunRecord> run, List<string> failures)
    {
        try
        {
            return run();
        }
        catch (Exception e)
        {
            failures.Add($"{side}: threw {e.GetType().Name}: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// The first step count at which the runs disagree, with what differs then; null when they agree after the
    /// case's steps. Linear in the steps: meant for a shrunk case.
    /// </summary>
    public static ThreeWayDivergence? FirstDivergence(CompiledIsa isa, ConformanceCase c)
    {
        if (Differences(isa, c).Count == 0) return null;
        for (int steps = 1; steps <= c.Steps; steps++)
        {
            var differences = Differences(isa, c, steps);
            if (differences.Count > 0) return new ThreeWayDivergence(steps, differences);
        }
        // Unreachable: the full run disagreed, and the loop's last step count is the full run.
        throw new InvalidOperationException("the runs disagreed, then agreed at every step count up to the same length");
    }
}
