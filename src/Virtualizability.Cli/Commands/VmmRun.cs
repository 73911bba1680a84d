using System.Globalization;
using Virtualizability.Execution;
using Virtualizability.Machines;
using Virtualizability.Machines.Devices;
using Virtualizability.Machines.Elf;
using Virtualizability.Vmm;
using Virtualizability.Vmm.Mips;

namespace Virtualizability.Cli.Commands;

/// <summary>
/// `pgcheck run ELF --vmm [--vms N]`: the program runs in N virtual Malta boards under the trap-and-emulate VMM on
/// one real model (the MIPS allocator). One VM prints to the console as the bare board does; several print their
/// lines prefixed with "[vmI] ". Exit 0 when every VM wrote its reset register.
/// </summary>
internal static class VmmRun
{
    public static int Run(CompiledIsa isa, ElfProgram program, long ramBytes, int vms, long maxInstructions, bool stats, Stream console)
    {
        var system = new MaltaVmm(isa, vms, ramBytes);
        var consoles = new List<PrefixedLineStream>();
        var guests = new List<MaltaGuest>();
        for (var i = 0; i < vms; i++)
        {
            Stream output = console;
            if (vms > 1)
            {
                var prefixed = new PrefixedLineStream(console, $"[vm{i}] ");
                consoles.Add(prefixed);
                output = prefixed;
            }
            // Console input goes to the first VM only: several readers of one terminal would steal each other's bytes.
            IByteInput input = i == 0 ? new StreamInput(Console.OpenStandardInput()) : NoInput.Instance;
            guests.Add(system.Boot(program, output, input, $"vm{i}"));
        }

        var total = system.Monitor.Run(maxInstructions, MaltaVmm.DefaultTimeSlice);
        foreach (var guest in guests) guest.Uart.Flush();
        foreach (var prefixed in consoles) prefixed.Complete();
        console.Flush();
        if (stats) PrintStats(total, guests, system.Allocator);
        var unfinished = guests.Where(g => !g.Vm.IsStopped).ToList();
        if (unfinished.Count == 0) return ExitCodes.Success;
        foreach (var guest in unfinished)
            Console.Error.WriteLine(guest.Vm.Error is { } error
                ? $"pgcheck: {error}"
                : guest.Vm.IsHalted
                ? $"pgcheck: {guest.Vm.Name} halted"
                : $"pgcheck: {guest.Vm.Name} did not write the reset register within {maxInstructions} instructions (--max-instructions)");
        return ExitCodes.GuestUnfinished;
    }

    private static void PrintStats(VmmStatistics total, IReadOnlyList<MaltaGuest> guests, MipsAllocator allocator)
    {
        var error = Console.Error;
        void Line(FormattableString text) => error.WriteLine(text.ToString(CultureInfo.InvariantCulture));
        Line($"virtual machines: {guests.Count}");
        Line($"guest instructions: {total.GuestInstructions}");
        Line($"directly executed: {total.DirectlyExecuted} ({total.DirectFraction * 100:F3} %)");
        foreach (var guest in guests.Where(_ => guests.Count > 1))
        {
            var s = guest.Vm.Statistics;
            Line($"  {guest.Vm.Name}: {s.GuestInstructions} instructions, {s.DirectFraction * 100:F3} % direct");
        }
        Line($"interpreted without a real trap (guest kernel code in kseg0/kseg1): {total.InterpretedWithoutTrap}");
        Line($"real traps: {total.Traps}; retried after a shadow TLB refill: {total.Retries}; real TLB flushes: {allocator.ShadowFlushes}");
        Counts(error, "traps by cause", total.TrapsByCause);
        Counts(error, "emulated instructions", total.EmulatedByInstruction);
        Counts(error, "reflected to the guest", total.ReflectedByCause);
        Counts(error, "allocator resolutions", total.AllocatorResolutions.ToDictionary(p => p.Key.ToString(), p => p.Value));
        var share = total.TotalTime.TotalSeconds > 0 ? total.TimeInVmm.TotalSeconds / total.TotalTime.TotalSeconds * 100 : 0;
        Line($"time: {total.TotalTime.TotalSeconds:F3} s, in the VMM {total.TimeInVmm.TotalSeconds:F3} s ({share:F1} %)");
    }

    private static void Counts<TKey>(TextWriter error, string title, Dictionary<TKey, long> counts) where TKey : notnull
    {
        error.WriteLine(counts.Count == 0 ? $"{title}: none" : $"{title}:");
        foreach (var (key, count) in counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key.ToString(), StringComparer.Ordinal))
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {key}: {count}"));
    }
}
