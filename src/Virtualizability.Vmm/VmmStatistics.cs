using System.Diagnostics;

namespace Virtualizability.Vmm;

/// <summary>
/// What the control program measured: how much of the guest ran directly (Popek and Goldberg's efficiency, measured),
/// what trapped, what the interpreters emulated, and the time spent in VMM code.
/// </summary>
public sealed class VmmStatistics
{
    /// <summary>Steps the real machine ran for the guest, retried ones included.</summary>
    public long RealSteps { get; internal set; }

    /// <summary>Real steps that trapped only for the allocator to install a mapping, and then ran again.</summary>
    public long Retries { get; internal set; }

    /// <summary>
    /// Guest instructions the monitor interpreted without running them on the real machine first, because they could
    /// only trap there (<see cref="IAllocator.MustInterpret"/>): guest kernel code in kseg0 on MIPS.
    /// </summary>
    public long InterpretedWithoutTrap { get; internal set; }

    /// <summary>Guest steps, counted as the bare machine counts them (a step that traps is one step; a retried one is not).</summary>
    public long GuestInstructions => RealSteps - Retries + InterpretedWithoutTrap;

    /// <summary>Real traps, each of which entered the dispatcher.</summary>
    public long Traps { get; internal set; }

    /// <summary>Steps that completed on the real machine with no VMM code on their path.</summary>
    public long DirectlyExecuted => RealSteps - Traps;

    public double DirectFraction => GuestInstructions == 0 ? 1.0 : (double)DirectlyExecuted / GuestInstructions;

    /// <summary>Real traps by exception name.</summary>
    public Dictionary<string, long> TrapsByCause { get; } = new();

    /// <summary>Instructions the interpreter completed on the virtual state, by instruction name.</summary>
    public Dictionary<string, long> EmulatedByInstruction { get; } = new();

    /// <summary>Traps the guest took itself (delivered on its virtual state), by exception name.</summary>
    public Dictionary<string, long> ReflectedByCause { get; } = new();

    /// <summary>Real memory traps the allocator resolved, by resolution.</summary>
    public Dictionary<MemoryTrapResolution, long> AllocatorResolutions { get; } = new();

    /// <summary>Stopwatch ticks spent in the dispatcher, interpreters, reflection and allocator.</summary>
    public long VmmTicks { get; internal set; }

    /// <summary>Stopwatch ticks of the whole run, guest and VMM.</summary>
    public long TotalTicks { get; internal set; }

    public TimeSpan TimeInVmm => Stopwatch.GetElapsedTime(0, VmmTicks);

    public TimeSpan TotalTime => Stopwatch.GetElapsedTime(0, TotalTicks);

    /// <summary>The sum of several VMs' statistics.</summary>
    public static VmmStatistics Sum(IEnumerable<VmmStatistics> parts)
    {
        var total = new VmmStatistics();
        foreach (var part in parts)
        {
            total.RealSteps += part.RealSteps;
            total.Retries += part.Retries;
            total.InterpretedWithoutTrap += part.InterpretedWithoutTrap;
            total.Traps += part.Traps;
            total.VmmTicks += part.VmmTicks;
            total.TotalTicks += part.TotalTicks;
            AddAll(total.TrapsByCause, part.TrapsByCause);
            AddAll(total.EmulatedByInstruction, part.EmulatedByInstruction);
            AddAll(total.ReflectedByCause, part.ReflectedByCause);
            AddAll(total.AllocatorResolutions, part.AllocatorResolutions);
        }
        return total;
    }

    internal static void Count<TKey>(Dictionary<TKey, long> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static void AddAll<TKey>(Dictionary<TKey, long> into, Dictionary<TKey, long> from) where TKey : notnull
    {
        foreach (var (key, value) in from) into[key] = into.GetValueOrDefault(key) + value;
    }
}
