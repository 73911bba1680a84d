namespace Virtualizability.Execution;

/// <summary>How much backing storage a machine gets, and what lies beyond it.</summary>
public sealed class MachineOptions
{
    /// <summary>Upper bound on the backing array of each memory, in bytes (cells of up to 8 bits take one byte, wider cells eight).</summary>
    public long DefaultMemoryLimitBytes { get; init; } = 1L << 30;

    /// <summary>
    /// Upper bound on the backing arrays of all memories together that <see cref="MemoryCells"/> does not size, in bytes.
    /// Unset, twice <see cref="DefaultMemoryLimitBytes"/>: every spec in isa-specs/ stays fully backed (x86-protected: 1 GiB
    /// plus 64 KiB of ports).
    /// </summary>
    public long? TotalMemoryLimitBytes { get; init; }

    /// <summary>Per-memory backing size in cells, by memory name; overrides <see cref="DefaultMemoryLimitBytes"/> (a board may give 256 MiB of RAM).</summary>
    public IReadOnlyDictionary<string, long> MemoryCells { get; init; } = new Dictionary<string, long>();

    /// <summary>Receives accesses beyond the backing arrays; without one they read 0 and writes are dropped.</summary>
    public IMemoryBus? Bus { get; init; }

    public static MachineOptions Default { get; } = new();
}
