namespace Virtualizability.Mips.Reference;

/// <summary>
/// The physical address space seen by the CPU. Accesses are naturally aligned and of size 1, 2 or 4 bytes;
/// values are little-endian (the least significant byte is at the lowest address). A board implements
/// this to put devices beside RAM; <see cref="PhysicalMemory"/> is plain RAM.
/// Physical addresses are 32 bits wide on the 24Kc (EntryLo.PFN is 20 bits).
/// </summary>
public interface IPhysicalBus
{
    uint Read(uint address, int size);
    void Write(uint address, int size, uint value);
}
