using System.Collections.Immutable;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Smt.Symbolic;

/// <summary>
/// The machine state as terms: one bit-vector term per register slot (the IR's flat slot numbering, one slot per
/// register-file entry) and one array term per memory (indexed by <see cref="MemoryDecl.Index"/>).
/// </summary>
public sealed record SymbolicState(ImmutableArray<Term> Slots, ImmutableArray<Term> Memories)
{
    /// <summary>
    /// A state whose every slot and memory is a fresh symbol named <c>{prefix}{register}</c>,
    /// <c>{prefix}{file}.{index}</c> or <c>{prefix}{memory}</c>. Hardwired entries hold their constant.
    /// </summary>
    public static SymbolicState Fresh(IsaModel model, string prefix)
    {
        var slots = new Term[model.StateSlots];
        foreach (var r in model.Registers)
            for (var i = 0; i < r.Count; i++)
                slots[r.Slot + i] = Hardwired(r, i) is { } value
                    ? Term.Bv(value, r.Width)
                    : Term.BvVar(r.IsFile ? $"{prefix}{r.Name}.{i}" : $"{prefix}{r.Name}", r.Width);
        var memories = model.Memories.OrderBy(m => m.Index)
            .Select(m => Term.Var(prefix + m.Name, Sort.Array(m.AddressWidth, m.CellWidth)));
        return new SymbolicState([.. slots], [.. memories]);
    }

    internal static ulong? Hardwired(RegisterDecl register, int index) =>
        register.Hardwired.FirstOrDefault(h => h.Index == index) is { } h ? h.Value & BitVectorMath.Mask(register.Width) : null;

    /// <summary>A scalar register, or entry <paramref name="index"/> of a register file.</summary>
    public Term Register(RegisterDecl register, int index = 0)
    {
        if (index < 0 || index >= register.Count) throw new ArgumentOutOfRangeException(nameof(index));
        return Slots[register.Slot + index];
    }

    public Term Memory(MemoryDecl memory) => Memories[memory.Index];

    public SymbolicState WithSlot(int slot, Term value) => this with { Slots = Slots.SetItem(slot, value) };

    public SymbolicState WithMemory(MemoryDecl memory, Term value) => this with { Memories = Memories.SetItem(memory.Index, value) };

    /// <summary>Every slot and memory term (for collecting free symbols and building equalities).</summary>
    public IEnumerable<Term> AllTerms => Slots.Concat(Memories);

    /// <summary>ite(condition, then, else), slot by slot; equal slots stay shared.</summary>
    public static SymbolicState Merge(Term condition, SymbolicState then, SymbolicState @else)
    {
        if (condition.IsTrue || ReferenceEquals(then, @else)) return then;
        if (condition.IsFalse) return @else;
        return new SymbolicState(
            [.. then.Slots.Zip(@else.Slots, (a, b) => Term.Ite(condition, a, b))],
            [.. then.Memories.Zip(@else.Memories, (a, b) => Term.Ite(condition, a, b))]);
    }

    /// <summary>The condition that two states agree on every slot and memory.</summary>
    public static Term Equal(SymbolicState a, SymbolicState b) =>
        Term.And(a.Slots.Zip(b.Slots, Term.Eq).Concat(a.Memories.Zip(b.Memories, Term.Eq)));
}
