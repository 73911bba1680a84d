using Virtualizability.Execution;

namespace Virtualizability.Machines.Elf;

/// <summary>Puts one loaded segment into RAM: its file bytes at <paramref name="physicalAddress"/>, zeros up to <paramref name="memorySize"/>.</summary>
public delegate void SegmentWriter(uint physicalAddress, ReadOnlySpan<byte> fileBytes, uint memorySize);

/// <summary>
/// What QEMU's Malta `-kernel` does with an ELF, for the bare board and for a VM alike: every segment into RAM at its
/// physical address (refused, naming the file and the segment, when it does not fit), then the CPU in
/// <see cref="KernelEntryState"/> at the entry point.
/// </summary>
public static class KernelImageLoader
{
    /// <param name="ramBytes">RAM from physical 0 that segments may occupy (and that a3 reports)</param>
    public static void Load(ElfProgram program, long ramBytes, MachineState cpu, SegmentWriter write)
    {
        foreach (var (segment, number) in program.Segments.Select((s, i) => (s, i)))
        {
            var end = (long)segment.PhysicalAddress + segment.MemorySize;
            if (end > ramBytes)
                throw new ElfLoadException($"{program.Path}: segment {number} (physical 0x{segment.PhysicalAddress:x8}..0x{end:x8}) lies outside RAM ({MemorySize.Describe(ramBytes)} from physical 0)");
            write(segment.PhysicalAddress, segment.FileBytes, segment.MemorySize);
        }
        var model = cpu.Model;
        foreach (var (name, index, value) in KernelEntryState.Registers(program.Entry, ramBytes))
        {
            var register = model.Register(name)
                ?? throw new BoardException($"the Malta board sets register {name}, which {model.Name} does not declare (it needs a MIPS32 spec)");
            cpu.SetRegister(register, index, value);
        }
    }
}
