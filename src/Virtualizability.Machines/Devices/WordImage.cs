using System.Buffers.Binary;

namespace Virtualizability.Machines.Devices;

/// <summary>The bytes of a little-endian device region given as (offset, word) pairs, zero elsewhere: register
/// files and ROM contents measured on QEMU and written down as tables.</summary>
public static class WordImage
{
    public static byte[] Build(int size, IEnumerable<(int Offset, uint Word)> words)
    {
        var bytes = new byte[size];
        foreach (var (offset, word) in words) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset, 4), word);
        return bytes;
    }
}
