namespace Virtualizability.Mips.Reference;

/// <summary>
/// RAM from physical address 0 up to <see cref="Size"/>, stored sparsely in 4 KiB pages so that random test
/// states stay cheap. Reads at or beyond <see cref="Size"/> return 0 and writes there are dropped
/// (Malta's unmapped physical addresses read as zero in QEMU).
/// </summary>
public sealed class PhysicalMemory : IPhysicalBus
{
    private const int PageBits = 12;
    private const uint PageSize = 1u << PageBits;
    private readonly Dictionary<uint, byte[]> _pages;

    public PhysicalMemory(ulong size) : this(size, new Dictionary<uint, byte[]>()) { }

    private PhysicalMemory(ulong size, Dictionary<uint, byte[]> pages)
    {
        Size = size;
        _pages = pages;
    }

    public ulong Size { get; }

    public byte ReadByte(uint address)
    {
        if (address >= Size) return 0;
        return _pages.TryGetValue(address >> PageBits, out var page) ? page[address & (PageSize - 1)] : (byte)0;
    }

    public void WriteByte(uint address, byte value)
    {
        if (address >= Size) return;
        if (!_pages.TryGetValue(address >> PageBits, out var page))
        {
            if (value == 0) return; // an absent page already reads as zero
            page = new byte[PageSize];
            _pages[address >> PageBits] = page;
        }
        page[address & (PageSize - 1)] = value;
    }

    public uint Read(uint address, int size)
    {
        uint value = 0;
        for (int i = size - 1; i >= 0; i--) value = (value << 8) | ReadByte(address + (uint)i);
        return value;
    }

    public void Write(uint address, int size, uint value)
    {
        for (int i = 0; i < size; i++) WriteByte(address + (uint)i, (byte)(value >> (8 * i)));
    }

    public void Load(uint address, ReadOnlySpan<byte> bytes)
    {
        for (int i = 0; i < bytes.Length; i++) WriteByte(address + (uint)i, bytes[i]);
    }

    public PhysicalMemory Clone() =>
        new(Size, _pages.ToDictionary(p => p.Key, p => (byte[])p.Value.Clone()));

    /// <summary>Byte addresses whose contents differ, as "0xADDR: 0xAA != 0xBB" lines (at most <paramref name="limit"/>).</summary>
    public IReadOnlyList<string> Diff(PhysicalMemory other, int limit = 64)
    {
        var lines = new List<string>();
        foreach (var pageNumber in _pages.Keys.Union(other._pages.Keys).Order())
        {
            uint baseAddress = pageNumber << PageBits;
            for (uint offset = 0; offset < PageSize && lines.Count < limit; offset++)
            {
                byte mine = ReadByte(baseAddress + offset), theirs = other.ReadByte(baseAddress + offset);
                if (mine != theirs) lines.Add($"mem[0x{baseAddress + offset:X8}]: 0x{mine:X2} != 0x{theirs:X2}");
            }
        }
        return lines;
    }
}
