using Virtualizability.Execution;
using Virtualizability.Machines.Devices;

namespace Virtualizability.Machines;

/// <summary>
/// The physical address space of a Malta board beyond RAM, at QEMU's `-M malta` addresses: the 16550 UART
/// (I/O port 0x3f8 through the GT-64120's PCI I/O window at 0x18000000) on ISA IRQ 4 of the PIIX4's two 8259
/// interrupt controllers (ports 0x20/0x21, 0xa0/0xa1, ELCR 0x4d0/0x4d1; their output is the CPU's hardware
/// interrupt 0, see <see cref="InterruptLineChanged"/>), the GT-64120's PCI interrupt-acknowledge register
/// (0x1be00c34) among the controller's other registers (<see cref="Gt64120Registers"/>), the FPGA software-reset register
/// and the FPGA's other registers (<see cref="MaltaFpgaRegisters"/>), the board revision word and the YAMON service table of the boot ROM (<see cref="YamonServices"/>), and RAM beyond the first 256 MiB through its windows at physical
/// 0x80000000 and 0x20000000 (<see cref="MaltaRamWindows"/>). Everything else reads as zero and ignores writes.
/// Wider accesses to the UART are split into byte accesses, as QEMU does for its byte-wide 16550.
/// </summary>
public sealed class MaltaBus : IMemoryBus
{
    public const ulong PciIoBase = 0x1800_0000;
    public const ulong UartBase = PciIoBase + 0x3F8;
    public const int UartIrq = 4;
    // The GT-64120's registers sit at 0x1be00000 once QEMU's boot code has moved them there; PCI_0 Interrupt
    // Acknowledge (offset 0xc34) runs an INTA cycle on the PCI bus, which the PIIX4's 8259s answer.
    public const ulong InterruptAcknowledgeAddress = 0x1BE0_0C34;
    public const ulong ResetRegister = 0x1F00_0500;
    public const ulong ResetValue = 0x42;
    public const ulong BoardRevisionAddress = 0x1FC0_0010;
    // Measured on QEMU 7.2 -M malta: "Malta board with CoreLV" (QEMU writes this word into its boot ROM).
    public const uint BoardRevision = 0x0000_0420;

    private readonly int _storageIndex;

    public MaltaBus(int storageIndex, Uart16550 uart)
    {
        _storageIndex = storageIndex;
        Uart = uart;
    }

    public Uart16550 Uart { get; }

    public MaltaInterruptController InterruptController { get; } = new();

    public Gt64120Registers SystemController { get; } = new();

    public MaltaFpgaRegisters Fpga { get; } = new();

    public YamonServices BootRom { get; } = new();

    /// <summary>The CPU's hardware interrupt 0 (Cause.IP2), the 8259 pair's output; raised on every change.</summary>
    public Action<bool>? InterruptLineChanged { get; set; }

    /// <summary>The level last reported through <see cref="InterruptLineChanged"/>.</summary>
    public bool InterruptLine { get; private set; }

    /// <summary>RAM beyond the low window, when the board has more than 256 MiB (set once the RAM exists).</summary>
    public MaltaRamWindows? RamWindows { get; set; }

    /// <summary>Set once the guest has written 0x42 to the reset register.</summary>
    public bool ResetRequested { get; private set; }

    /// <summary>Called when the guest writes the reset register (the board stops the machine there).</summary>
    public Action? OnReset { get; set; }

    public ulong Read(int memoryIndex, ulong address, int cells)
    {
        if (memoryIndex != _storageIndex) return 0;
        ulong value = 0;
        // Little-endian board: byte i of the access is bits 8i..8i+7.
        for (var i = 0; i < cells; i++) value |= (ulong)ReadByte(address + (ulong)i) << (8 * i);
        if (IsInterruptSource(address)) UpdateInterrupts();
        return value;
    }

    public void Write(int memoryIndex, ulong address, int cells, ulong value)
    {
        if (memoryIndex != _storageIndex) return;
        if (address == ResetRegister)
        {
            if (value == ResetValue)
            {
                ResetRequested = true;
                OnReset?.Invoke();
            }
            return;
        }
        // After a reset request nothing more reaches the console: the real board is already resetting.
        if (ResetRequested) return;
        for (var i = 0; i < cells; i++) WriteByte(address + (ulong)i, (byte)(value >> (8 * i)));
        if (IsInterruptSource(address)) UpdateInterrupts();
    }

    // Accesses that can change an interrupt request: the I/O ports (UART, 8259s) and the acknowledge register.
    private static bool IsInterruptSource(ulong address) => address - PciIoBase < 0x1000 || address == InterruptAcknowledgeAddress;

    /// <summary>
    /// Brings the interrupt lines up to date with the devices: the UART's request (which new console input can
    /// raise at any time, so the board also calls this between runs of the CPU) through the 8259s to the CPU.
    /// As on QEMU, the UART drives IRQ 4 whatever its MCR OUT2 bit says.
    /// </summary>
    public void UpdateInterrupts()
    {
        InterruptController.SetIrq(UartIrq, Uart.InterruptPending);
        var line = InterruptController.Output;
        if (line == InterruptLine) return;
        InterruptLine = line;
        InterruptLineChanged?.Invoke(line);
    }

    private byte ReadByte(ulong address)
    {
        if (address - UartBase < 8) return Uart.Read((int)(address - UartBase));
        if (address - PciIoBase < 0x1000 && MaltaInterruptController.Decodes((int)(address - PciIoBase)))
            return InterruptController.Read((int)(address - PciIoBase));
        if (address == InterruptAcknowledgeAddress) return InterruptController.Acknowledge();
        if (Gt64120Registers.Decodes(address)) return SystemController.Read(address);
        if (MaltaFpgaRegisters.Decodes(address)) return Fpga.Read(address);
        if (address - BoardRevisionAddress < 4) return (byte)(BoardRevision >> (8 * (int)(address - BoardRevisionAddress)));
        if (YamonServices.Decodes(address)) return BootRom.Read(address);
        return RamWindows is { } ram && ram.TryRead(address, out var value) ? value : (byte)0;
    }

    private void WriteByte(ulong address, byte value)
    {
        if (address - UartBase < 8) Uart.Write((int)(address - UartBase), value);
        else if (address - PciIoBase < 0x1000 && MaltaInterruptController.Decodes((int)(address - PciIoBase)))
            InterruptController.Write((int)(address - PciIoBase), value);
        else if (Gt64120Registers.Decodes(address)) SystemController.Write(address, value);
        else if (MaltaFpgaRegisters.Decodes(address)) Fpga.Write(address, value);
        else RamWindows?.TryWrite(address, value);
    }
}
