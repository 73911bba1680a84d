using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Virtualizability.Analysis;

/// <summary>
/// Per-query timings on standard error when PGCHECK_PROFILE is set (build of the formula, solving, replay), for
/// finding where a check spends its time. Off by default; costs nothing then.
/// </summary>
internal static class Profiling
{
    public static readonly bool Enabled = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PGCHECK_PROFILE"));

    private static readonly object Gate = new();

    public static long Start() => Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>CPU time of the calling thread in milliseconds (Z3 solves on the calling thread), 0 when off.</summary>
    public static double ThreadCpuMs()
    {
        if (!Enabled || !OperatingSystem.IsLinux()) return 0;
        return clock_gettime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var ts) == 0 ? ts.Seconds * 1000.0 + ts.Nanoseconds / 1e6 : 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    public static double Ms(long start) => Stopwatch.GetElapsedTime(start).TotalMilliseconds;

    /// <summary>
    /// One instruction's whole analysis (formulas, queries, replays) on one worker: when it started after the check did,
    /// its wall and thread CPU time. Says how the work spread over the workers, and what lies outside the queries.
    /// </summary>
    public static void Analyzed(string instruction, double startMs, double wallMs, double cpuMs)
    {
        if (!Enabled) return;
        lock (Gate) Console.Error.WriteLine($"PROFILE\t{instruction}\t(instruction)\tstart={startMs:0}\twall={wallMs:0}\tcpu={cpuMs:0}\tthread={Environment.CurrentManagedThreadId}");
    }

    public static void Solved(string instruction, string query, double wallMs, double cpuMs, string result)
    {
        if (!Enabled) return;
        lock (Gate) Console.Error.WriteLine($"PROFILE\t{instruction}\t{query}\twall={wallMs:0}\tcpu={cpuMs:0}\t{result}");
    }

    /// <summary>
    /// A question answered by the concrete witness search: the same shape as a solver line, its result "Search" with
    /// the number of candidate replays (wall is the time into the instruction's search when it was found).
    /// </summary>
    public static void Searched(string instruction, string question, double wallMs, int tries)
    {
        if (!Enabled) return;
        lock (Gate) Console.Error.WriteLine($"PROFILE\t{instruction}\t{question}\twall={wallMs:0.0}\tcpu=-\tSearch ({tries} replays)");
    }

    /// <summary>One instruction's whole search: the questions it was given, how many it answered, its cost.</summary>
    public static void SearchDone(string instruction, int asked, int found, double wallMs, double cpuMs)
    {
        if (!Enabled) return;
        lock (Gate) Console.Error.WriteLine($"PROFILE\t{instruction}\t(search)\twall={wallMs:0.0}\tcpu={cpuMs:0.0}\tfound {found} of {asked}");
    }

    public static void Replayed(string instruction, string property, double wallMs, double cpuMs)
    {
        if (!Enabled) return;
        lock (Gate) Console.Error.WriteLine($"REPLAY\t{instruction}\t{property}\twall={wallMs:0.0}\tcpu={cpuMs:0.0}");
    }
}
