namespace Virtualizability.Conformance.Bridge;

/// <summary>
/// RAM at physical 0 for the reference interpreter as one flat array, so that it can be compared with the
/// spec model's backing array by a span compare. Like the model's storage without a bus (and Malta),
/// addresses at or beyond the end read 0 and writes there are dropped.
/// </summary>
internal sealed class FlatRam(byte[] bytes) : IPhysicalBus
{
    public byte[] Bytes { get; } = bytes;

    public uint Read(uint address, int size)
    {
        uint value = 0;
        for (int i = size - 1; i >= 0; i--)
        {
            ulong a = (ulong)address + (ulong)i;
            value = (value << 8) | (a < (ulong)Bytes.Length ? Bytes[a] : 0u);
        }
        return value;
    }

    public void Write(uint address, int size, uint value)
    {
        for (int i = 0; i < size; i++)
        {
            ulong a = (ulong)address + (ulong)i;
            if (a < (ulong)Bytes.Length) Bytes[a] = (byte)(value >> (8 * i));
        }
    }
}
