namespace Virtualizability.Smt.Solving.Z3;

/// <summary>
/// CPU time of the solving threads in the phases of an in-process Z3 check, summed over the process: setting up
/// (context and solver), translating the terms, and the search itself (check and model). For profiling a run
/// (pgcheck's PGCHECK_PROFILE turns it on): it showed that a mips32 check spent more CPU creating contexts than
/// translating terms. Off, it costs one flag test per check.
/// </summary>
public static class Z3PhaseTimes
{
    private static long checks, setupTicks, translateTicks, searchTicks;

    public static bool Enabled { get; set; }

    public static (long Checks, TimeSpan Setup, TimeSpan Translate, TimeSpan Search) Totals =>
        (Interlocked.Read(ref checks), TimeSpan.FromTicks(Interlocked.Read(ref setupTicks)),
         TimeSpan.FromTicks(Interlocked.Read(ref translateTicks)), TimeSpan.FromTicks(Interlocked.Read(ref searchTicks)));

    /// <summary>Marks the phases of one check on the calling thread's CPU clock; null when profiling is off.</summary>
    internal static Marks? Start() => Enabled && ThreadCpuClock.ForCurrentThread() is { } clock ? new Marks(clock) : null;

    internal sealed class Marks(ThreadCpuClock clock)
    {
        private readonly TimeSpan start = clock.Now ?? TimeSpan.Zero;
        private TimeSpan setUp, translated;

        public void SetUp() => setUp = clock.Now ?? TimeSpan.Zero;

        public void Translated() => translated = clock.Now ?? TimeSpan.Zero;

        public void Searched()
        {
            var end = clock.Now ?? TimeSpan.Zero;
            Interlocked.Increment(ref checks);
            Interlocked.Add(ref setupTicks, (setUp - start).Ticks);
            Interlocked.Add(ref translateTicks, (translated - setUp).Ticks);
            Interlocked.Add(ref searchTicks, (end - translated).Ticks);
        }
    }
}
