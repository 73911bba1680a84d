using System.Collections.Immutable;
using Virtualizability.Execution;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Analysis.Replay;

/// <summary>
/// Whole memories as sparse maps (the cells a solver's model names, a default for the rest), so that a witness over a
/// 32-bit address space can be replayed without allocating it. The machine is given no backing array, so every
/// access comes here; relocation moves the contents (<see cref="IMovableMemoryBus"/>).
/// </summary>
internal sealed class SparseMemoryBus : IMovableMemoryBus
{
    private readonly IsaModel model;
    private readonly Dictionary<ulong, ulong>[] cells;
    private readonly ulong[] defaults;
    private readonly HashSet<(int Memory, ulong Address)> written = [];
    private readonly List<MemoryRead> readLog = [];
    private ImmutableArray<ArrayValue> loaded;
    private bool changed = true;

    public SparseMemoryBus(IsaModel model, IReadOnlyList<ArrayValue> contents)
    {
        this.model = model;
        cells = [.. contents.Select(c => c.Entries.ToDictionary(e => e.Key, e => e.Value))];
        defaults = [.. contents.Select(c => c.Default)];
    }

    /// <summary>Back to <paramref name="contents"/> (same memories as at construction), with empty logs.</summary>
    public void Reload(ImmutableArray<ArrayValue> contents)
    {
        written.Clear();
        readLog.Clear();
        // Probing reloads one start hundreds of times; most runs write nothing, and then the cells are still it.
        if (!changed && loaded == contents) return;
        loaded = contents;
        changed = false;
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i].Clear();
            foreach (var (address, value) in contents[i].Entries) cells[i][address] = value;
            defaults[i] = contents[i].Default;
        }
    }

    public ulong Read(int memoryIndex, ulong address, int cells)
    {
        var memory = model.Memories.First(m => m.Index == memoryIndex);
        ulong value = 0;
        for (var i = 0; i < cells; i++)
        {
            var cellAddress = Wrap(memory, address + (ulong)i);
            var cell = ReadCell(memoryIndex, cellAddress);
            if (!written.Contains((memoryIndex, cellAddress))) readLog.Add(new MemoryRead(memoryIndex, cellAddress, cell));
            value = memory.Endianness == Endianness.Big
                ? (value << memory.CellWidth) | cell
                : value | (cell << (memory.CellWidth * i));
        }
        return value;
    }

    public void Write(int memoryIndex, ulong address, int cells, ulong value)
    {
        var memory = model.Memories.First(m => m.Index == memoryIndex);
        var mask = Mask(memory.CellWidth);
        for (var i = 0; i < cells; i++)
        {
            var shift = memory.Endianness == Endianness.Big ? memory.CellWidth * (cells - 1 - i) : memory.CellWidth * i;
            var cellAddress = Wrap(memory, address + (ulong)i);
            this.cells[memoryIndex][cellAddress] = (value >> shift) & mask;
            written.Add((memoryIndex, cellAddress));
            changed = true;
        }
    }

    public void Move(int memoryIndex, ulong distance)
    {
        var memory = model.Memories.First(m => m.Index == memoryIndex);
        changed = true;
        var moved = cells[memoryIndex].ToDictionary(e => Wrap(memory, e.Key + distance), e => e.Value);
        cells[memoryIndex].Clear();
        foreach (var (k, v) in moved) cells[memoryIndex][k] = v;
    }

    /// <summary>
    /// The cells the machine read before writing them, in order, with the values read: the memory a witness run
    /// depends on. (Reads of the sensitivity comparison itself go through <see cref="ReadCell"/> and are not logged.)
    /// </summary>
    public IReadOnlyList<MemoryRead> ReadLog => readLog;

    /// <summary>
    /// What the run wrote, cell by cell with the values the cells hold now: two runs from the same start memory end
    /// with equal memories exactly when these agree (a cell written back with its start value aside).
    /// </summary>
    public (int Memory, ulong Address, ulong Value)[] WrittenCells() =>
        written.Count == 0 ? [] : [.. written.Order().Select(w => (w.Memory, w.Address, ReadCell(w.Memory, w.Address)))];

    public ulong ReadCell(int memoryIndex, ulong address) =>
        cells[memoryIndex].TryGetValue(address, out var v) ? v : defaults[memoryIndex];

    public ulong Default(int memoryIndex) => defaults[memoryIndex];

    public IEnumerable<ulong> Addresses(int memoryIndex) => cells[memoryIndex].Keys;

    private static ulong Wrap(MemoryDecl memory, ulong address) => address & Mask(memory.AddressWidth);

    private static ulong Mask(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;
}

/// <summary>One cell a run read from its start memory.</summary>
internal sealed record MemoryRead(int Memory, ulong Address, ulong Value);
