using System.Collections.Concurrent;
using System.Diagnostics;
using Virtualizability.Smt.Solving.Z3;

namespace Virtualizability.Analysis;

/// <summary>
/// With PGCHECK_PROFILE, one summary line per check on standard error: where the process's CPU went. The per-query
/// lines of <see cref="Profiling"/> account only for solving; this adds what lies around it: building the claims
/// (symbolic execution, VM map, formulas), replaying witnesses, the in-process Z3's set-up, translation and search,
/// the fallback solver's child processes, the JIT and the GC. (It found that the 10 s of a mips32 check outside the
/// solver lines were mostly cvc5 child processes, not term building.)
/// </summary>
internal static class ProfileSummary
{
    private static readonly ConcurrentDictionary<string, double> PhaseMs = new();
    private static readonly ConcurrentDictionary<string, int> Counts = new();

    /// <summary>
    /// Call once a check starts: turns on the solver back end's phase clock and starts the phase sums afresh (the
    /// process, Z3, JIT and GC figures are totals of the process so far).
    /// </summary>
    public static void Begin()
    {
        if (!Profiling.Enabled) return;
        Z3PhaseTimes.Enabled = true;
        PhaseMs.Clear();
        Counts.Clear();
    }

    /// <summary>Adds <paramref name="n"/> to a counter printed in the summary (the witness search's questions and answers).</summary>
    public static void Count(string name, int n)
    {
        if (Profiling.Enabled) Counts.AddOrUpdate(name, n, (_, sum) => sum + n);
    }

    /// <summary>Adds the calling thread's CPU time until disposal to <paramref name="phase"/>; nothing when profiling is off.</summary>
    public static PhaseTimer Time(string phase) => new(phase, Profiling.ThreadCpuMs());

    public readonly struct PhaseTimer(string phase, double startMs) : IDisposable
    {
        public void Dispose()
        {
            if (!Profiling.Enabled) return;
            var ms = Profiling.ThreadCpuMs() - startMs;
            PhaseMs.AddOrUpdate(phase, ms, (_, sum) => sum + ms);
        }
    }

    public static void Print(string spec, TimeSpan wall)
    {
        if (!Profiling.Enabled) return;
        var process = Process.GetCurrentProcess();
        var (checks, setup, translate, search) = Z3PhaseTimes.Totals;
        var phases = string.Join(" ", PhaseMs.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value:0}"));
        var counts = string.Join(" ", Counts.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"));
        Console.Error.WriteLine(
            $"PROFILE-SUMMARY\t{spec}\tcheck wall={wall.TotalMilliseconds:0}\tprocess cpu={process.TotalProcessorTime.TotalMilliseconds:0} " +
            $"(user {process.UserProcessorTime.TotalMilliseconds:0})\tchild processes cpu={ChildCpuMs():0}\t{phases}\t{counts}\t" +
            $"z3 checks={checks} setup={setup.TotalMilliseconds:0} translate={translate.TotalMilliseconds:0} search={search.TotalMilliseconds:0}\t" +
            $"jit={System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:0} ({System.Runtime.JitInfo.GetCompiledMethodCount()} methods)\t" +
            $"gc pauses={GC.GetTotalPauseDuration().TotalMilliseconds:0} (gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}) " +
            $"allocated={GC.GetTotalAllocatedBytes() >> 20} MiB");
    }

    // CPU of the child processes waited for (the command-line fallback solver): cutime + cstime of /proc/self/stat.
    private static double ChildCpuMs()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[13]) + long.Parse(fields[14])) * 1000.0 / 100;   // clock ticks of 1/100 s (USER_HZ)
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return double.NaN;
        }
    }
}
