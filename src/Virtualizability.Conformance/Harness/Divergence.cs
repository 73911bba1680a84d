using Virtualizability.Execution;

namespace Virtualizability.Conformance.Harness;

/// <summary>Where two runs of a case first disagree.</summary>
public sealed record Divergence(int Step, StepOutcome Outcome);

public static class CaseRunner
{
    /// <summary>Runs the case's steps in lockstep and returns the first step whose results differ, or null.</summary>
    public static Divergence? FirstDivergence(CompiledIsa isa, ConformanceCase c)
    {
        var lockstep = new Lockstep(isa, c);
        for (int step = 0; step < c.Steps; step++)
        {
            var outcome = lockstep.Step();
            if (!outcome.Agrees) return new Divergence(step, outcome);
        }
        return null;
    }
}
