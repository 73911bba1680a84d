using System.Collections.Immutable;
using Virtualizability.Execution;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Solving;

namespace Virtualizability.Analysis.Replay;

/// <summary>
/// Which start components a witness run depends on, found on the executable model: a register slot matters when
/// changing its start value (all its bits flipped) changes how the run ends — its outcome, any
/// other register, or memory. Memory cells that matter are the ones the run reads (<see cref="SparseMemoryBus.ReadLog"/>).
/// The compiled semantics read flat register arrays, so a read cannot be observed directly; perturbing and re-running
/// finds what the result depends on (up to results that survive flipping every bit of one register, such as a parity)
/// and costs a few microseconds per slot.
/// </summary>
internal sealed class StartDependence(CompiledIsa isa, StateLayout layout)
{
    /// <summary>
    /// The slots (outside <paramref name="known"/>) whose start value changes the result of loading
    /// <paramref name="start"/>, applying <paramref name="prepare"/> (entering the twin's mode, relocating) and
    /// executing the word once.
    /// </summary>
    public IReadOnlyList<int> SlotsThatMatter(ConcreteState start, Action<Machine>? prepare, InstructionDecl instruction, UInt128 word, Func<int, bool> known)
    {
        var probe = ReplayMachine.Load(isa, start);
        var slots = start.Slots.ToArray();
        var baseline = Run(probe, start, slots, prepare, instruction, word);
        var baselineRegisters = probe.RegistersCopy();
        var baselineWritten = probe.Bus.WrittenCells();
        var result = new List<int>();
        for (var slot = 0; slot < slots.Length; slot++)
        {
            if (known(slot)) continue;
            var original = slots[slot];
            slots[slot] = ~original & layout.FullMask(slot);
            var ending = Run(probe, start, slots, prepare, instruction, word);
            slots[slot] = original;
            if (!ending.Equals(baseline) || !SameRegisters(probe.State.Registers, baselineRegisters, slot)
                || !probe.Bus.WrittenCells().AsSpan().SequenceEqual(baselineWritten))
                result.Add(slot);
        }
        return result;
    }

    // One run from start with its registers replaced by slots. Runs are compared field by field, without formatting
    // or copying: a witness probes every register of the machine, hundreds of runs.
    private static Ending Run(ReplayMachine m, ConcreteState start, ulong[] slots, Action<Machine>? prepare, InstructionDecl instruction, UInt128 word)
    {
        m.Reload(start);
        slots.CopyTo(m.State.Registers, 0);
        try
        {
            prepare?.Invoke(m.Machine);
            var r = m.Machine.ExecuteInstruction(instruction, word);
            return new Ending(r.Status, r.Instruction is null, r.Trap?.Exception, r.Trap?.Arguments ?? [], null);
        }
        catch (InvalidOperationException e)
        {
            // A perturbed state may make a role block fail (a mode predicate the spec does not expect): that is an
            // ending of its own, different from the baseline's.
            return new Ending(StepStatus.Trapped, true, null, [], e.Message);
        }
    }

    private static bool SameRegisters(ulong[] a, ulong[] b, int perturbed)
    {
        for (var i = 0; i < a.Length; i++)
            if (i != perturbed && a[i] != b[i]) return false;
        return true;
    }

    private readonly record struct Ending(StepStatus Status, bool InPrologue, ExceptionDecl? Trap, ImmutableArray<ulong> Arguments, string? Failure)
    {
        public bool Equals(Ending other) =>
            Status == other.Status && InPrologue == other.InPrologue && ReferenceEquals(Trap, other.Trap)
            && Arguments.AsSpan().SequenceEqual(other.Arguments.AsSpan()) && Failure == other.Failure;

        public override int GetHashCode() => HashCode.Combine(Status, InPrologue, Trap);
    }
}
