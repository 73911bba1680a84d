using Virtualizability.Machines;
using Virtualizability.Machines.Devices;

namespace Virtualizability.Conformance.Bridge;

/// <summary>
/// The reference interpreter's physical address space as a Malta board: RAM from physical 0 as one flat array (so
/// that it compares with the model's by a span compare), and beyond it the same <see cref="MaltaBus"/> devices the
/// bare board and every VM get (16550 UART, reset register). Only the CPU is under test; the devices are shared code.
/// </summary>
internal sealed class ReferenceBoard(byte[] ram, Stream console) : IPhysicalBus
{
    // The bus answers for the memory index it is given; the reference has only one address space.
    private const int StorageIndex = 0;

    public byte[] Ram { get; } = ram;

    public MaltaBus Devices { get; } = new(StorageIndex, new Uart16550(console, NoInput.Instance));

    public uint Read(uint address, int size) =>
        InRam(address, size) ? ReadRam(address, size) : (uint)Devices.Read(StorageIndex, address, size);

    public void Write(uint address, int size, uint value)
    {
        if (!InRam(address, size))
        {
            Devices.Write(StorageIndex, address, size, value);
            return;
        }
        for (int i = 0; i < size; i++) Ram[address + i] = (byte)(value >> (8 * i));
    }

    // Accesses are naturally aligned, so one never straddles the end of RAM (a power of two).
    private bool InRam(uint address, int size) => (ulong)address + (ulong)size <= (ulong)Ram.Length;

    private uint ReadRam(uint address, int size)
    {
        uint value = 0;
        for (int i = size - 1; i >= 0; i--) value = (value << 8) | Ram[address + i];
        return value;
    }
}
