using System.Text;

namespace Virtualizability.Mips.Reference.Tests;

/// <summary>
/// The minimum of QEMU's Malta a bare-metal test program touches: RAM, the 16550 UART at physical
/// 0x180003f8 (transmit only; the line status register always reports an empty transmitter) and the
/// FPGA reset register at 0x1f000500, where writing 0x42 ends the run.
/// </summary>
public sealed class MaltaConsoleBus(PhysicalMemory ram) : IPhysicalBus
{
    private const uint UartBase = 0x1800_03F8;
    private const uint UartLineStatus = UartBase + 5;
    private const byte TransmitterEmpty = 0x60; // THRE | TEMT
    private const uint ResetRegister = 0x1F00_0500;
    private readonly StringBuilder _console = new();

    public string Console => _console.ToString();
    public bool ResetRequested { get; private set; }
    public Action? OnReset { get; set; }

    public uint Read(uint address, int size)
    {
        if (address == UartLineStatus) return TransmitterEmpty;
        if (address is >= UartBase and < UartBase + 8) return 0;
        return ram.Read(address, size);
    }

    public void Write(uint address, int size, uint value)
    {
        if (address == UartBase) _console.Append((char)(value & 0xFF));
        else if (address is > UartBase and < UartBase + 8) { } // other UART registers: configuration only
        else if (address == ResetRegister && value == 0x42)
        {
            ResetRequested = true;
            OnReset?.Invoke();
        }
        else ram.Write(address, size, value);
    }
}
