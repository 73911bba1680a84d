using Virtualizability.Execution;
using Virtualizability.Machines.Devices;
using Virtualizability.Machines.Elf;

namespace Virtualizability.Vmm.Mips;

/// <summary>
/// N virtual Malta boards of equal RAM on one real model: the real machine with machine memory for all of them, the
/// MIPS allocator and the monitor. `pgcheck run --vmm` and the benchmark build their runs with it.
/// </summary>
public sealed class MaltaVmm
{
    /// <summary>Guest instructions per turn of a VM: long enough that world switches are rare, short enough that VMs interleave.</summary>
    public const long DefaultTimeSlice = 100_000;

    public MaltaVmm(CompiledIsa isa, int vms, long ramBytes)
    {
        RamBytes = ramBytes;
        var realMemory = MipsAllocator.MachineMemoryFor(vms, ramBytes);
        var real = new Machine(isa, new MachineOptions { MemoryCells = new Dictionary<string, long> { [isa.Model.Roles.Storage.Name] = realMemory } });
        Allocator = new MipsAllocator(real, MipsAllocator.ExtentAlignmentFor(ramBytes));
        Monitor = new VirtualMachineMonitor(Allocator);
    }

    public long RamBytes { get; }

    public MipsAllocator Allocator { get; }

    public VirtualMachineMonitor Monitor { get; }

    /// <summary>A new VM with its own Malta devices, loaded with <paramref name="program"/> in QEMU's -kernel state.</summary>
    public MaltaGuest Boot(ElfProgram program, Stream console, IByteInput input, string? name = null)
    {
        var guest = MaltaGuest.Create(Monitor, RamBytes, console, input, name);
        guest.Load(program);
        return guest;
    }
}
