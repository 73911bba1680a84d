namespace Virtualizability.Vmm;

/// <summary>
/// First-fit bookkeeping of contiguous regions of machine memory, for allocators that give each VM one region.
/// The cells below <c>reserved</c> stay the VMM's (on pg-machine, the real PSW swap area).
/// </summary>
public sealed class MachineMemoryRegions(ulong capacity, ulong reserved)
{
    private readonly SortedDictionary<ulong, ulong> _regions = new();

    public ulong Capacity { get; } = capacity;

    public ulong Reserved { get; } = reserved;

    public IEnumerable<(ulong Base, ulong Size)> Regions => _regions.Select(r => (r.Key, r.Value));

    /// <summary>The lowest free region of <paramref name="size"/> cells.</summary>
    public ulong Allocate(ulong size)
    {
        if (size == 0) throw new ArgumentOutOfRangeException(nameof(size), "a virtual machine needs some memory");
        var candidate = Reserved;
        foreach (var (start, length) in _regions)
        {
            if (start >= candidate && start - candidate >= size) break;
            candidate = Math.Max(candidate, start + length);
        }
        if (candidate > Capacity || Capacity - candidate < size)
            throw new InsufficientMachineMemoryException($"no free region of 0x{size:X} cells in machine memory of 0x{Capacity:X} cells");
        _regions.Add(candidate, size);
        return candidate;
    }

    public void Release(ulong @base)
    {
        if (!_regions.Remove(@base)) throw new ArgumentException($"no region starts at 0x{@base:X}", nameof(@base));
    }
}

/// <summary>Machine memory cannot hold the region asked for.</summary>
public sealed class InsufficientMachineMemoryException(string message) : Exception(message);
