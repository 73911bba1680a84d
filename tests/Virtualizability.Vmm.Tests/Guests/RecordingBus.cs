using Virtualizability.Execution;

namespace Virtualizability.Vmm.Tests.Guests;

/// <summary>Records every access that reaches it: put beyond a real machine's backing array, it sees any access outside the VMs' memory.</summary>
public sealed class RecordingBus : IMemoryBus
{
    public List<string> Accesses { get; } = [];

    public ulong Read(int memoryIndex, ulong address, int cells)
    {
        Accesses.Add($"read {cells} at 0x{address:X}");
        return 0;
    }

    public void Write(int memoryIndex, ulong address, int cells, ulong value) => Accesses.Add($"write {cells} at 0x{address:X}");
}
