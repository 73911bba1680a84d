using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Cli.Exec;

/// <summary>
/// The sample board's console (<see cref="Skeletons.SampleBoard"/>): a byte stored at one address of the storage memory,
/// beyond RAM, goes to the output. Whole accesses arrive joined in the memory's byte order; only the cell at the port counts.
/// </summary>
internal sealed class ConsolePort(MemoryDecl storage, ulong address, Stream output) : IMemoryBus
{
    private readonly bool _big = storage.Endianness == Endianness.Big;

    public ulong Read(int memoryIndex, ulong address, int cells) => 0;

    public void Write(int memoryIndex, ulong at, int cells, ulong value)
    {
        if (memoryIndex != storage.Index) return;
        for (var i = 0; i < cells; i++)
        {
            if (at + (ulong)i != address) continue;
            var shift = storage.CellWidth * (_big ? cells - 1 - i : i);
            output.WriteByte((byte)(value >> shift));
        }
    }
}
