namespace Virtualizability.Machines.Elf;

/// <summary>One PT_LOAD segment, already placed: its physical address, the file bytes and the zero-filled tail.</summary>
public sealed record ElfSegment(uint PhysicalAddress, byte[] FileBytes, uint MemorySize);

/// <summary>A validated 32-bit little-endian MIPS executable: where its segments go and where it starts.</summary>
public sealed record ElfProgram(string Path, uint Entry, IReadOnlyList<ElfSegment> Segments)
{
    /// <summary>The kernel command line the firmware passes as argv[1] (QEMU's -append; empty without it).</summary>
    public string CommandLine { get; init; } = "";
}
