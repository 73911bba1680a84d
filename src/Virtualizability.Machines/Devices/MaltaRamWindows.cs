using Virtualizability.Execution;

namespace Virtualizability.Machines.Devices;

/// <summary>
/// Where a Malta board with more than 256 MiB of RAM shows the rest of it, as QEMU's `-M malta` maps it: the whole
/// RAM again at physical 0x80000000 (its first 256 MiB aliasing the window at physical 0), and, with more than
/// 512 MiB, the part above 512 MiB also at physical 0x20000000, just past the I/O hole. kseg0/kseg1 reach only the
/// low window; a guest reaches the rest through the TLB (Linux calls it highmem).
/// The low 256 MiB are the model's own backing array (the fast path); this class holds the part beyond it and
/// answers the bus for both aliases, one byte at a time (high RAM is the slow path).
/// </summary>
public sealed class MaltaRamWindows
{
    public const ulong HighBase = 0x8000_0000;
    public const ulong PostIoBase = 0x2000_0000;
    public const long PostIoOffset = 512L << 20;

    private readonly MemoryStorage _low;
    private readonly byte[] _beyondLow;
    private readonly ulong _ramBytes;

    /// <param name="low">the storage memory whose backing array holds RAM offsets 0 .. <paramref name="lowBytes"/></param>
    public MaltaRamWindows(MemoryStorage low, long lowBytes, long ramBytes)
    {
        if (low.CellCount != lowBytes) throw new ArgumentException($"the low RAM window holds {low.CellCount} bytes, not {lowBytes}", nameof(low));
        _low = low;
        _beyondLow = new byte[ramBytes - lowBytes];
        _ramBytes = (ulong)ramBytes;
    }

    /// <summary>True when <paramref name="physical"/> is RAM through one of the two windows.</summary>
    public bool Contains(ulong physical) => TryOffset(physical, out _);

    public bool TryRead(ulong physical, out byte value)
    {
        value = 0;
        if (!TryOffset(physical, out var offset)) return false;
        value = offset < (ulong)_low.CellCount ? _low.Bytes[(int)offset] : _beyondLow[offset - (ulong)_low.CellCount];
        return true;
    }

    public bool TryWrite(ulong physical, byte value)
    {
        if (!TryOffset(physical, out var offset)) return false;
        if (offset < (ulong)_low.CellCount) _low.Bytes[(int)offset] = value;
        else _beyondLow[offset - (ulong)_low.CellCount] = value;
        return true;
    }

    private bool TryOffset(ulong physical, out ulong offset)
    {
        offset = physical - HighBase;
        if (physical >= HighBase && offset < _ramBytes) return true;
        offset = physical - PostIoBase + PostIoOffset;
        return physical >= PostIoBase && _ramBytes > PostIoOffset && physical - PostIoBase < _ramBytes - PostIoOffset;
    }
}
