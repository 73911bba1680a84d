namespace Virtualizability.Smt.Solving;

internal static class SolverLimits
{
    /// <summary>A time limit in whole milliseconds, at least 1 (solvers read 0 as "no limit").</summary>
    public static uint Milliseconds(TimeSpan limit) => (uint)Math.Clamp(Math.Ceiling(limit.TotalMilliseconds), 1, uint.MaxValue);
}
