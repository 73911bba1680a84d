using Virtualizability.Execution;
using Virtualizability.Isa.Ir;
using Virtualizability.Machines.Devices;
using Virtualizability.Machines.Elf;

namespace Virtualizability.Machines;

/// <summary>
/// A Malta-compatible board around a MIPS32 executable model: RAM from physical 0 as the backing array of the
/// spec's storage memory, devices on the <see cref="MaltaBus"/> beyond it, and QEMU's `-kernel` start state.
/// The board knows no instruction semantics: it sets state only through the spec's register names, and the
/// run ends when the reset register asks the machine to stop.
/// </summary>
public sealed class MaltaBoard
{
    public const long DefaultRamBytes = 256L << 20;
    // Malta decodes RAM at physical 0 up to 256 MiB; the GT-64120 and the PCI windows (the UART among them) follow.
    // More RAM is reached through the windows of MaltaRamWindows, up to QEMU's limit for the board of 2 GiB.
    public const long LowRamBytes = 256L << 20;
    public const long MaxRamBytes = 2L << 30;

    public MaltaBoard(CompiledIsa isa, long ramBytes, Stream consoleOutput, IByteInput consoleInput)
    {
        if (ramBytes <= 0 || ramBytes > MaxRamBytes)
            throw new BoardException($"RAM of {MemorySize.Describe(ramBytes)} does not fit a Malta board: at most {MemorySize.Describe(MaxRamBytes)} (as on QEMU's -M malta)");
        var storage = isa.Model.Roles.Storage;
        if (storage.CellWidth != 8 || storage.AddressWidth < 29 || storage.Endianness != Endianness.Little)
            throw new BoardException($"the Malta board needs a little-endian byte-addressed storage memory of at least 29 address bits; {isa.Model.Name}'s {storage.Name} is not");
        RamBytes = ramBytes;
        Uart = new Uart16550(consoleOutput, consoleInput);
        Bus = new MaltaBus(storage.Index, Uart);
        var lowBytes = Math.Min(ramBytes, LowRamBytes);
        var options = new MachineOptions { MemoryCells = new Dictionary<string, long> { [storage.Name] = lowBytes }, Bus = Bus };
        Machine = new Machine(isa, options);
        if (ramBytes > lowBytes) Bus.RamWindows = new MaltaRamWindows(Ram, lowBytes, ramBytes);
        Bus.OnReset = Machine.RequestStop;
        Bus.InterruptLineChanged = CpuInterruptLine.For(Machine.State);
        Machine.Reset();
    }

    public Machine Machine { get; }


    public MaltaBus Bus { get; }

    public Uart16550 Uart { get; }

    public long RamBytes { get; }

    public MemoryStorage Ram => Machine.State.Memory(Machine.Model.Roles.Storage);

    /// <summary>Copies the program's segments into RAM and sets the -kernel start state at its entry point.</summary>
    public void Load(ElfProgram program) =>
        KernelImageLoader.Load(program, Ram.CellCount, RamBytes, Machine.State, (address, fileBytes, memorySize) =>
        {
            var target = Ram.Bytes.Slice((int)address, (int)memorySize);
            fileBytes.CopyTo(target);
            target[fileBytes.Length..].Clear();
        });
}
