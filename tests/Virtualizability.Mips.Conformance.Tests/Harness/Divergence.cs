namespace Virtualizability.Mips.Conformance.Tests.Harness;

/// <summary>Where two runs of a case first disagree.</summary>
internal sealed record Divergence(int Step, StepOutcome Outcome);

internal static class CaseRunner
{
    /// <summary>Runs the case's steps in lockstep and returns the first step whose results differ, or null.</summary>
    public static Divergence? FirstDivergence(ConformanceCase c)
    {
        var lockstep = new Lockstep(c);
        for (int step = 0; step < c.Steps; step++)
        {
            var outcome = lockstep.Step();
            if (!outcome.Agrees) return new Divergence(step, outcome);
        }
        return null;
    }
}
