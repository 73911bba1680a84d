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
        var baseline = Run(probe, start, prepare, instruction, word, -1, 0);
        var result = new List<int>();
        for (var slot = 0; slot < start.Slots.Length; slot++)
        {
            if (known(slot)) continue;
            var changed = ~start.Slots[slot] & layout.FullMask(slot);
            if (!SameEnd(baseline, Run(probe, start, prepare, instruction, word, slot, changed), slot)) result.Add(slot);
        }
        return result;
    }

    // One run from start, slot (unless -1) set to value first.
    private static Ending Run(ReplayMachine m, ConcreteState start, Action<Machine>? prepare, InstructionDecl instruction, UInt128 word, int slot, ulong value)
    {
        m.Reload(start);
        if (slot >= 0) m.State.Registers[slot] = value;
        try
        {
            prepare?.Invoke(m.Machine);
            var r = m.Machine.ExecuteInstruction(instruction, word);
            return new Ending($"{r.Status} {r.Instruction is null} {r.Trap}", m.RegistersCopy(), m.Bus.WrittenCells());
        }
        catch (InvalidOperationException e)
        {
            // A perturbed state may make a role block fail (a mode predicate the spec does not expect): that is an
            // ending of its own, different from the baseline's.
            return new Ending("failed: " + e.Message, m.RegistersCopy(), m.Bus.WrittenCells());
        }
    }

    private static bool SameEnd(Ending a, Ending b, int perturbed)
    {
        if (a.Outcome != b.Outcome) return false;
        for (var i = 0; i < a.Registers.Length; i++)
            if (i != perturbed && a.Registers[i] != b.Registers[i]) return false;
        return a.Written.AsSpan().SequenceEqual(b.Written);
    }

    private sealed record Ending(string Outcome, ulong[] Registers, (int, ulong, ulong)[] Written);
}
