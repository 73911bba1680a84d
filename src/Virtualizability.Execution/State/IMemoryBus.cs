namespace Virtualizability.Execution;

/// <summary>
/// Devices and memory that lie beyond a memory's backing array (MMIO, ROM windows ...).
/// An access that falls entirely outside the backing array reaches the bus as one access of
/// <c>cells</c> cells, so a device sees the width the guest used; the value is already joined
/// in the memory's byte order.
/// </summary>
public interface IMemoryBus
{
    ulong Read(int memoryIndex, ulong address, int cells);

    void Write(int memoryIndex, ulong address, int cells, ulong value);
}

/// <summary>
/// A bus that is storage itself (the analysis keeps sparse witness memories on one): when the machine is relocated
/// (<see cref="Machine.Relocate"/>), its contents move with the memory, so that new[a + distance] = old[a].
/// </summary>
public interface IMovableMemoryBus : IMemoryBus
{
    void Move(int memoryIndex, ulong distance);
}
