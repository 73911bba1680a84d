using System.Text;
using Virtualizability.Machines.Devices;
using Xunit;

namespace Virtualizability.Machines.Tests;

/// <summary>Physical address decoding beyond RAM: the UART, the reset register, the board revision, and silence elsewhere.</summary>
public class MaltaBusTests
{
    private static (MaltaBus Bus, MemoryStream Output) NewBus()
    {
        var output = new MemoryStream();
        return (new MaltaBus(0, new Uart16550(output, NoInput.Instance)), output);
    }

    [Fact]
    public void Unmapped_physical_addresses_read_zero_and_ignore_writes()
    {
        var (bus, output) = NewBus();
        foreach (var address in new ulong[] { 0x1000_0000, 0x1BE0_1000, 0x1F00_0000, 0x1FC0_1000, 0x2000_0000, 0xFFFF_FFF0 })
        {
            bus.Write(0, address, 4, 0xDEAD_BEEF);
            Assert.Equal(0UL, bus.Read(0, address, 4));
        }
        Assert.Empty(output.ToArray());
        Assert.False(bus.ResetRequested);
    }

    [Fact]
    public void The_uart_answers_at_physical_0x180003f8()
    {
        var (bus, output) = NewBus();
        Assert.Equal(0x60UL, bus.Read(0, 0x1800_03FD, 1));
        bus.Write(0, 0x1800_03F8, 1, 'A');
        Assert.Equal("A", Encoding.ASCII.GetString(output.ToArray()));
    }

    [Fact]
    public void Only_0x42_in_the_reset_register_ends_the_run()
    {
        var (bus, _) = NewBus();
        var stops = 0;
        bus.OnReset = () => stops++;
        bus.Write(0, MaltaBus.ResetRegister, 4, 0x41);
        Assert.False(bus.ResetRequested);
        bus.Write(0, MaltaBus.ResetRegister, 4, 0x42);
        Assert.True(bus.ResetRequested);
        Assert.Equal(1, stops);
    }

    [Fact]
    public void The_board_revision_word_reads_as_on_qemu()
    {
        var (bus, _) = NewBus();
        Assert.Equal(0x420UL, bus.Read(0, MaltaBus.BoardRevisionAddress, 4));
        Assert.Equal(0x04UL, bus.Read(0, MaltaBus.BoardRevisionAddress + 1, 1));
    }

    [Fact]
    public void The_gt64120_registers_read_as_after_qemus_boot_code_and_keep_what_is_written()
    {
        var (bus, _) = NewBus();
        Assert.Equal(0x1000UL, bus.Read(0, 0x1BE0_0000, 4));      // CPU interface configuration
        Assert.Equal(0xDFUL, bus.Read(0, 0x1BE0_0068, 4));        // internal space decode: the registers at 0x1be00000
        Assert.Equal(0xC0UL, bus.Read(0, 0x1BE0_0048, 1));        // PCI I/O low decode, as a byte
        Assert.Equal(0xFFFF_FFFFUL, bus.Read(0, 0x1BE0_0CFC, 4)); // PCI configuration data: no device
        bus.Write(0, 0x1BE0_0CF8, 4, 0x8000_0000);
        Assert.Equal(0x8000_0000UL, bus.Read(0, 0x1BE0_0CF8, 4));
    }

    [Fact]
    public void The_fpga_registers_read_back_as_on_qemu()
    {
        var (bus, _) = NewBus();
        Assert.Equal(0x10UL, bus.Read(0, 0x1F00_0208, 4));  // STATUS
        Assert.Equal(0x0AUL, bus.Read(0, 0x1F00_0508, 4));  // BRKRES after reset
        bus.Write(0, 0x1F00_0408, 4, 0x155);                 // the LED bar keeps the low byte
        Assert.Equal(0x55UL, bus.Read(0, 0x1F00_0408, 4));
        bus.Write(0, 0x1F00_0418, 4, 'A');                   // the ASCII display accepts writes and reads zero
        Assert.Equal(0UL, bus.Read(0, 0x1F00_0418, 4));
        Assert.False(bus.ResetRequested);
    }

    [Fact]
    public void The_boot_rom_holds_yamons_service_table_and_ignores_writes()
    {
        var (bus, _) = NewBus();
        Assert.Equal(0x9FC0_083CUL, bus.Read(0, 0x1FC0_0504, 4)); // print_count
        Assert.Equal(0x9FC0_0808UL, bus.Read(0, 0x1FC0_0534, 4)); // print
        bus.Write(0, 0x1FC0_0504, 4, 0);
        Assert.Equal(0x9FC0_083CUL, bus.Read(0, 0x1FC0_0504, 4));
        Assert.Equal(0x420UL, bus.Read(0, MaltaBus.BoardRevisionAddress, 4)); // the revision word overlays the ROM
    }
}
