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

    public SparseMemoryBus(IsaModel model, IReadOnlyList<ArrayValue> contents)
    {
        this.model = model;
        cells = [.. contents.Select(c => c.Entries.ToDictionary(e => e.Key, e => e.Value))];
        defaults = [.. contents.Select(c => c.Default)];
    }

    public ulong Read(int memoryIndex, ulong address, int cells)
    {
        var memory = model.Memories.First(m => m.Index == memoryIndex);
        ulong value = 0;
        for (var i = 0; i < cells; i++)
        {
            var cell = ReadCell(memoryIndex, Wrap(memory, address + (ulong)i));
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
            this.cells[memoryIndex][Wrap(memory, address + (ulong)i)] = (value >> shift) & mask;
        }
    }

    public void Move(int memoryIndex, ulong distance)
    {
        var memory = model.Memories.First(m => m.Index == memoryIndex);
        var moved = cells[memoryIndex].ToDictionary(e => Wrap(memory, e.Key + distance), e => e.Value);
        cells[memoryIndex].Clear();
        foreach (var (k, v) in moved) cells[memoryIndex][k] = v;
    }

    public ulong ReadCell(int memoryIndex, ulong address) =>
        cells[memoryIndex].TryGetValue(address, out var v) ? v : defaults[memoryIndex];

    public ulong Default(int memoryIndex) => defaults[memoryIndex];

    public IEnumerable<ulong> Addresses(int memoryIndex) => cells[memoryIndex].Keys;

    private static ulong Wrap(MemoryDecl memory, ulong address) => address & Mask(memory.AddressWidth);

    private static ulong Mask(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;
}
