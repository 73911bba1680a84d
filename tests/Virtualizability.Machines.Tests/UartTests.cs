using System.Text;
using Virtualizability.Machines.Devices;
using Xunit;

namespace Virtualizability.Machines.Tests;

/// <summary>The 16550 as software sees it: line status, divisor latch, FIFO/IIR, loopback, scratch.</summary>
public class UartTests
{
    private sealed class QueueInput(string text) : IByteInput
    {
        private readonly Queue<byte> _bytes = new(Encoding.ASCII.GetBytes(text));

        public bool TryRead(out byte value) => _bytes.TryDequeue(out value);
    }

    [Fact]
    public void Reset_values_are_the_ones_measured_on_qemu()
    {
        var uart = new Uart16550(new MemoryStream(), NoInput.Instance);
        Assert.Equal(0x60, uart.Read(Uart16550.Lsr));
        Assert.Equal(0xB0, uart.Read(Uart16550.Msr));
        Assert.Equal(0x01, uart.Read(Uart16550.IirFcr));
        Assert.Equal(0x00, uart.Read(Uart16550.Lcr));
        Assert.Equal(0x08, uart.Read(Uart16550.Mcr));
        Assert.Equal(0x00, uart.Read(Uart16550.IerDlm));
    }

    [Fact]
    public void Lsr_reports_data_ready_until_the_last_byte_is_read()
    {
        var uart = new Uart16550(new MemoryStream(), new QueueInput("ab"));
        Assert.Equal(Uart16550.LsrDataReady | Uart16550.LsrThrEmpty | Uart16550.LsrTransmitterEmpty, uart.Read(Uart16550.Lsr));
        Assert.Equal((byte)'a', uart.Read(Uart16550.RbrThrDll));
        Assert.Equal(Uart16550.LsrDataReady, uart.Read(Uart16550.Lsr) & Uart16550.LsrDataReady);
        Assert.Equal((byte)'b', uart.Read(Uart16550.RbrThrDll));
        Assert.Equal(0, uart.Read(Uart16550.Lsr) & Uart16550.LsrDataReady);
        Assert.Equal(0, uart.Read(Uart16550.RbrThrDll));
    }

    [Fact]
    public void Transmitted_bytes_reach_the_output_and_thr_stays_empty()
    {
        var output = new MemoryStream();
        var uart = new Uart16550(output, NoInput.Instance);
        foreach (var c in "hi\n"u8.ToArray())
        {
            Assert.Equal(Uart16550.LsrThrEmpty, uart.Read(Uart16550.Lsr) & Uart16550.LsrThrEmpty);
            uart.Write(Uart16550.RbrThrDll, c);
        }
        Assert.Equal("hi\n", Encoding.ASCII.GetString(output.ToArray()));
    }

    [Fact]
    public void The_divisor_latch_shadows_thr_and_ier_while_dlab_is_set()
    {
        var output = new MemoryStream();
        var uart = new Uart16550(output, NoInput.Instance);
        uart.Write(Uart16550.IerDlm, 0x05);
        uart.Write(Uart16550.Lcr, 0x83);            // DLAB, 8 bits
        uart.Write(Uart16550.RbrThrDll, 0x01);      // divisor 0x0201: not transmitted
        uart.Write(Uart16550.IerDlm, 0x02);
        Assert.Equal(0x01, uart.Read(Uart16550.RbrThrDll));
        Assert.Equal(0x02, uart.Read(Uart16550.IerDlm));
        uart.Write(Uart16550.Lcr, 0x03);
        Assert.Equal(0x05, uart.Read(Uart16550.IerDlm));
        Assert.Equal(0x03, uart.Read(Uart16550.Lcr));
        Assert.Empty(output.ToArray());
    }

    [Fact]
    public void Iir_identifies_received_data_then_thr_empty_and_shows_enabled_fifos()
    {
        var uart = new Uart16550(new MemoryStream(), new QueueInput("x"));
        uart.Write(Uart16550.IirFcr, 0x01);          // FIFOs on
        uart.Write(Uart16550.IerDlm, 0x03);          // received data and THR empty
        Assert.Equal(0xC4, uart.Read(Uart16550.IirFcr));
        Assert.True(uart.InterruptPending);
        uart.Read(Uart16550.RbrThrDll);
        Assert.Equal(0xC2, uart.Read(Uart16550.IirFcr));   // reading IIR acknowledges THR empty ...
        Assert.Equal(0xC1, uart.Read(Uart16550.IirFcr));
        Assert.False(uart.InterruptPending);
        uart.Write(Uart16550.RbrThrDll, (byte)'y');       // ... and the next transmission raises it again
        Assert.Equal(0xC2, uart.Read(Uart16550.IirFcr));
    }

    [Fact]
    public void Loopback_returns_transmitted_bytes_and_wires_modem_lines()
    {
        var output = new MemoryStream();
        var uart = new Uart16550(output, NoInput.Instance);
        uart.Write(Uart16550.Mcr, 0x10 | 0x03);     // loopback, RTS, DTR
        Assert.Equal(0x30, uart.Read(Uart16550.Msr) & 0xF0);   // CTS, DSR
        uart.Write(Uart16550.RbrThrDll, 0x5A);
        Assert.Equal(Uart16550.LsrDataReady, uart.Read(Uart16550.Lsr) & Uart16550.LsrDataReady);
        Assert.Equal(0x5A, uart.Read(Uart16550.RbrThrDll));
        Assert.Empty(output.ToArray());
    }

    [Fact]
    public void Scratch_register_keeps_its_value()
    {
        var uart = new Uart16550(new MemoryStream(), NoInput.Instance);
        uart.Write(Uart16550.Scr, 0xA5);
        Assert.Equal(0xA5, uart.Read(Uart16550.Scr));
    }
}
