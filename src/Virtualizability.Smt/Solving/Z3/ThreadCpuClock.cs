using System.Runtime.InteropServices;

namespace Virtualizability.Smt.Solving.Z3;

/// <summary>
/// The CPU-time clock of one thread (Linux: pthread_getcpuclockid), readable from any other thread. The in-process
/// solver runs on the calling thread, so this clock says how much solving a check has actually done, whatever the
/// load of the machine. Elsewhere, or if the clock cannot be read, <see cref="ForCurrentThread"/> gives null.
/// </summary>
internal sealed class ThreadCpuClock
{
    private readonly int clockId;

    private ThreadCpuClock(int clockId) => this.clockId = clockId;

    public static ThreadCpuClock? ForCurrentThread()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            if (pthread_getcpuclockid(pthread_self(), out var id) != 0) return null;
            var clock = new ThreadCpuClock(id);
            return clock.Now is null ? null : clock;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>CPU time the thread has used so far, or null when the clock cannot be read (the thread has ended).</summary>
    public TimeSpan? Now =>
        clock_gettime(clockId, out var ts) == 0 ? TimeSpan.FromTicks(ts.Seconds * TimeSpan.TicksPerSecond + ts.Nanoseconds / 100) : null;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern IntPtr pthread_self();

    [DllImport("libc", SetLastError = false)]
    private static extern int pthread_getcpuclockid(IntPtr thread, out int clockId);

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
