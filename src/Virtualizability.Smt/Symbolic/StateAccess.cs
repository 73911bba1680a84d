using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Smt.Symbolic;

/// <summary>Register and memory reads and writes on symbolic states, with the IR's rules for files and multi-cell access.</summary>
public static class StateAccess
{
    /// <summary>
    /// A scalar register, or a file entry. A symbolic index becomes an ite chain over the entries its width can
    /// name; indices past the file read 0; hardwired entries read their constant.
    /// </summary>
    public static Term ReadRegister(SymbolicState state, RegisterDecl register, Term? index)
    {
        if (!register.IsFile || index is null) return Entry(state, register, 0);
        if (index.IsConst) return index.Value < (ulong)register.Count ? Entry(state, register, (int)index.Value) : Term.Bv(0, register.Width);
        // When every value of the index names an entry, the last one needs no test (and no 0 for "past the file"):
        // the chain then has one shape for every register file, which lets merges of mapped entries lift (Term.Ite).
        var count = Addressable(register, index);
        var covered = index.Width < 31 && (1L << index.Width) == count;
        var result = covered ? Entry(state, register, count - 1) : Term.Bv(0, register.Width);
        for (var i = covered ? count - 2 : count - 1; i >= 0; i--)
            result = Term.Ite(Term.Eq(index, Term.Bv((ulong)i, index.Width)), Entry(state, register, i), result);
        return result;
    }

    /// <summary>Writes a register or file entry; writes to hardwired entries and past the file do nothing.</summary>
    public static SymbolicState WriteRegister(SymbolicState state, RegisterDecl register, Term? index, Term value)
    {
        if (!register.IsFile || index is null) return Hardwired(register, 0) ? state : state.WithSlot(register.Slot, value);
        if (index.IsConst)
            return index.Value < (ulong)register.Count && !Hardwired(register, (int)index.Value)
                ? state.WithSlot(register.Slot + (int)index.Value, value)
                : state;
        for (var i = 0; i < Addressable(register, index); i++)
        {
            if (Hardwired(register, i)) continue;
            var old = state.Slots[register.Slot + i];
            state = state.WithSlot(register.Slot + i, Term.Ite(Term.Eq(index, Term.Bv((ulong)i, index.Width)), value, old));
        }
        return state;
    }

    /// <summary>Reads <paramref name="cells"/> consecutive cells from <paramref name="address"/> (wrapping), joined in the memory's byte order.</summary>
    public static Term ReadMemory(SymbolicState state, MemoryDecl memory, Term address, int cells)
    {
        var array = state.Memory(memory);
        Term? joined = null;
        for (var k = 0; k < cells; k++)
        {
            var cell = Term.Select(array, CellAddress(address, k));
            // Big-endian: the first cell is the most significant part; little-endian: the least.
            joined = joined is null ? cell
                : memory.Endianness == Endianness.Big ? Term.Concat(joined, cell) : Term.Concat(cell, joined);
        }
        return joined ?? throw new ArgumentOutOfRangeException(nameof(cells));
    }

    public static SymbolicState WriteMemory(SymbolicState state, MemoryDecl memory, Term address, int cells, Term value)
    {
        var array = state.Memory(memory);
        var w = memory.CellWidth;
        for (var k = 0; k < cells; k++)
        {
            var part = memory.Endianness == Endianness.Big ? cells - 1 - k : k;   // which w-bit part of value goes to cell k
            array = Term.Store(array, CellAddress(address, k), Term.Extract(value, part * w + w - 1, part * w));
        }
        return state.WithMemory(memory, array);
    }

    private static Term CellAddress(Term address, int k) => Term.Add(address, Term.Bv((ulong)k & address.Sort.Mask, address.Width));

    private static Term Entry(SymbolicState state, RegisterDecl register, int i) =>
        SymbolicState.Hardwired(register, i) is { } value ? Term.Bv(value, register.Width) : state.Slots[register.Slot + i];

    private static bool Hardwired(RegisterDecl register, int i) => SymbolicState.Hardwired(register, i) is not null;

    // An index of w bits can name only the first 2^w entries.
    private static int Addressable(RegisterDecl register, Term index) =>
        index.Width >= 31 ? register.Count : (int)Math.Min(register.Count, 1L << index.Width);
}
