using Virtualizability.Execution;

namespace Virtualizability.Machines.Elf;

/// <summary>Puts one loaded segment into RAM: its file bytes at <paramref name="physicalAddress"/>, zeros up to <paramref name="memorySize"/>.</summary>
public delegate void SegmentWriter(uint physicalAddress, ReadOnlySpan<byte> fileBytes, uint memorySize);

/// <summary>
/// What QEMU's Malta `-kernel` does with an ELF, for the bare board and for a VM alike: every segment into RAM at its
/// physical address, the firmware's argument and environment tables (<see cref="FirmwareEnvironment"/>) at physical
/// 0x2000, then the CPU in <see cref="KernelEntryState"/> at the entry point. Refused, naming the file and the
/// segment: a segment that does not fit in RAM, segments that overlap each other or the tables (QEMU refuses
/// overlapping images too), and an entry point in kuseg (see <see cref="CheckEntry"/>).
/// </summary>
public static class KernelImageLoader
{
    private const uint BootRom = 0x1FC0_0000;

    /// <param name="lowRamBytes">RAM from physical 0 that segments may occupy (and that a3 reports)</param>
    /// <param name="ramBytes">all of the board's RAM (the firmware's "ememsize")</param>
    public static void Load(ElfProgram program, long lowRamBytes, long ramBytes, MachineState cpu, SegmentWriter write)
    {
        CheckEntry(program);
        if (lowRamBytes < FirmwareEnvironment.PhysicalAddress + FirmwareEnvironment.Size)
            throw new BoardException($"RAM of {MemorySize.Describe(lowRamBytes)} cannot hold the firmware's argument tables at physical 0x{FirmwareEnvironment.PhysicalAddress:x}..0x{FirmwareEnvironment.PhysicalAddress + FirmwareEnvironment.Size:x}: give at least 16K");
        var environment = FirmwareEnvironment.Build(program, lowRamBytes, ramBytes);
        var placed = new List<(string What, long Start, long End)>
        {
            ($"the firmware's argument tables (physical 0x{FirmwareEnvironment.PhysicalAddress:x8}..0x{FirmwareEnvironment.PhysicalAddress + FirmwareEnvironment.Size:x8})",
                FirmwareEnvironment.PhysicalAddress, FirmwareEnvironment.PhysicalAddress + FirmwareEnvironment.Size),
        };
        foreach (var (segment, number) in program.Segments.Select((s, i) => (s, i)))
        {
            var end = (long)segment.PhysicalAddress + segment.MemorySize;
            if (segment.PhysicalAddress >= BootRom)
                throw new ElfLoadException($"{program.Path}: PT_LOAD segment {number} (physical 0x{segment.PhysicalAddress:x8}..0x{end:x8}) lies in the boot ROM "
                    + "(physical 0x1fc00000, the reset vector 0xbfc00000), where -kernel loads nothing (QEMU's -kernel hangs on such a file; a ROM image "
                    + "runs with QEMU's -bios after it programs the GT-64120, which the board does not offer): link it in RAM, e.g. -Ttext=0x80100000");
            if (end > lowRamBytes)
                throw new ElfLoadException($"{program.Path}: PT_LOAD segment {number} (physical 0x{segment.PhysicalAddress:x8}..0x{end:x8}) lies outside RAM ({MemorySize.Describe(lowRamBytes)} from physical 0)");
            // Segments of no size occupy nothing (QEMU skips them too).
            if (segment.MemorySize == 0) continue;
            var what = $"PT_LOAD segment {number} (physical 0x{segment.PhysicalAddress:x8}..0x{end:x8})";
            foreach (var other in placed.Where(p => p.Start < end && segment.PhysicalAddress < p.End))
                throw new ElfLoadException($"{program.Path}: {what} overlaps {other.What}; QEMU's -kernel refuses such a file too");
            placed.Add((what, segment.PhysicalAddress, end));
        }
        foreach (var segment in program.Segments.Where(s => s.MemorySize > 0))
            write(segment.PhysicalAddress, segment.FileBytes, segment.MemorySize);
        write(FirmwareEnvironment.PhysicalAddress, environment, FirmwareEnvironment.Size);
        var model = cpu.Model;
        foreach (var (name, index, value) in KernelEntryState.Registers(program.Entry, lowRamBytes))
        {
            var register = model.Register(name)
                ?? throw new BoardException($"the Malta board sets register {name}, which {model.Name} does not declare (it needs a MIPS32 spec)");
            cpu.SetRegister(register, index, value);
        }
    }

    /// <summary>
    /// An entry point below 0x80000000 lies in kuseg, which a MIPS32 CPU maps through the TLB: started there in kernel
    /// mode with an empty TLB it takes a TLB refill at once. QEMU runs such an ELF anyway, in a mode of its own for
    /// KVM trap-and-emulate guest kernels (kernel-mode kuseg addresses reach physical memory, EBase = 0x40000000), which
    /// no real CPU has and the spec does not model; so the file is refused with the way out rather than left to hang.
    /// </summary>
    private static void CheckEntry(ElfProgram program)
    {
        if (program.Entry < 0x8000_0000)
            throw new ElfLoadException($"{program.Path}: entry point 0x{program.Entry:x8} is in kuseg, which is mapped through the TLB (QEMU's -kernel "
                + "runs such a file only in its emulation of KVM trap-and-emulate guests); link the program at a kseg0 or kseg1 address "
                + "(e.g. -Ttext=0x80100000); segments are loaded at p_paddr & 0x1fffffff either way");
    }
}
