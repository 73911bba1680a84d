using Virtualizability.Machines.Devices;
using Xunit;

namespace Virtualizability.Machines.Tests;

/// <summary>The PIIX4's 8259 pair as the 8259A data sheet describes it: initialization, masks, priorities, EOI, cascade, poll.</summary>
public class InterruptControllerTests
{
    // Linux's init_8259A: edge-triggered, cascaded, ICW4; vectors 0x00 and 0x08; slave on IR2; 8086 mode; all unmasked.
    private static MaltaInterruptController Initialized(byte masterMask = 0, byte slaveMask = 0)
    {
        var pic = new MaltaInterruptController();
        foreach (var (port, value) in new (int, byte)[] { (0x20, 0x11), (0x21, 0x00), (0x21, 0x04), (0x21, 0x01), (0xA0, 0x11), (0xA1, 0x08), (0xA1, 0x02), (0xA1, 0x01) })
            pic.Write(port, value);
        pic.Write(0x21, masterMask);
        pic.Write(0xA1, slaveMask);
        return pic;
    }

    [Fact]
    public void Initialization_words_leave_the_mask_readable_and_no_request()
    {
        var pic = Initialized(0xEB, 0xFF);
        Assert.Equal(0xEB, pic.Read(0x21));
        Assert.Equal(0xFF, pic.Read(0xA1));
        Assert.False(pic.Output);
    }

    [Fact]
    public void A_masked_request_waits_until_it_is_unmasked()
    {
        var pic = Initialized(masterMask: 0x10);
        pic.SetIrq(4, true);
        Assert.False(pic.Output);
        Assert.Equal(0x10, pic.Read(0x20)); // IRR is read by default
        pic.Write(0x21, 0x00);
        Assert.True(pic.Output);
        Assert.Equal(4, pic.Acknowledge());
    }

    [Fact]
    public void Lower_levels_have_priority_and_an_interrupt_in_service_blocks_lower_ones_until_eoi()
    {
        var pic = Initialized();
        pic.SetIrq(4, true);
        pic.SetIrq(3, true);
        Assert.Equal(3, pic.Acknowledge());
        Assert.False(pic.Output);                 // 4 waits behind 3 in service
        pic.Write(0x20, 0x0B);                    // OCW3: read ISR
        Assert.Equal(0x08, pic.Read(0x20));
        pic.Write(0x20, 0x20);                    // non-specific EOI
        Assert.True(pic.Output);
        Assert.Equal(4, pic.Acknowledge());
    }

    [Fact]
    public void Edge_triggered_requests_need_a_new_rising_edge_and_level_triggered_ones_follow_the_line()
    {
        var pic = Initialized();
        pic.SetIrq(5, true);
        Assert.Equal(5, pic.Acknowledge());
        pic.Write(0x20, 0x20);
        Assert.False(pic.Output);                 // still high, but no new edge
        pic.SetIrq(5, false);
        pic.SetIrq(5, true);
        Assert.True(pic.Output);

        var level = Initialized();
        level.Write(0x4D0, 0x20);                 // ELCR: IRQ 5 level-triggered
        level.SetIrq(5, true);
        Assert.Equal(5, level.Acknowledge());
        level.Write(0x20, 0x20);
        Assert.True(level.Output);                // the line is still high
        level.SetIrq(5, false);
        Assert.False(level.Output);
    }

    [Fact]
    public void Slave_requests_come_through_the_cascade_with_the_slaves_vector()
    {
        var pic = Initialized();
        pic.SetIrq(12, true);
        Assert.True(pic.Output);
        Assert.Equal(0x0C, pic.Acknowledge());   // slave base 8 + level 4
        pic.Write(0xA0, 0x20);
        pic.Write(0x20, 0x20);
        Assert.False(pic.Output);
    }

    [Fact]
    public void With_nothing_pending_the_acknowledge_is_the_spurious_level_7()
    {
        var pic = Initialized();
        Assert.Equal(0x07, pic.Acknowledge());
    }

    [Fact]
    public void Poll_mode_reports_and_acknowledges_the_highest_request()
    {
        var pic = Initialized();
        pic.Write(0x20, 0x0C);
        Assert.Equal(0x00, pic.Read(0x20));       // nothing pending
        pic.SetIrq(6, true);
        pic.Write(0x20, 0x0C);
        Assert.Equal(0x86, pic.Read(0x20));
        Assert.False(pic.Output);                 // in service now
        pic.Write(0x20, 0x66);                    // specific EOI for level 6
        pic.Write(0x20, 0x0B);
        Assert.Equal(0x00, pic.Read(0x20));
    }

    [Fact]
    public void Rotate_on_eoi_makes_the_served_level_the_lowest_priority()
    {
        var pic = Initialized();
        pic.SetIrq(1, true);
        Assert.Equal(1, pic.Acknowledge());
        pic.Write(0x20, 0xA0);                    // rotate on non-specific EOI: 1 becomes lowest
        pic.SetIrq(1, false);
        pic.SetIrq(1, true);
        pic.SetIrq(3, true);
        Assert.Equal(3, pic.Acknowledge());       // 3 now outranks 1
    }

    [Fact]
    public void The_uart_interrupt_reaches_the_cpu_line_through_the_bus()
    {
        using var output = new MemoryStream();
        var bus = new MaltaBus(0, new Uart16550(output, new StreamInput(new MemoryStream("x"u8.ToArray()))));
        var lines = new List<bool>();
        bus.InterruptLineChanged = lines.Add;
        foreach (var (port, value) in new (ulong, ulong)[] { (0x20, 0x11), (0x21, 0x00), (0x21, 0x04), (0x21, 0x01), (0x21, 0xEF) })
            bus.Write(0, MaltaBus.PciIoBase + port, 1, value);
        bus.Write(0, MaltaBus.UartBase + 1, 1, 0x01);    // IER: received data
        for (var i = 0; i < 1000 && !bus.InterruptLine; i++)
        {
            Thread.Sleep(1);                              // the input thread delivers the byte
            bus.UpdateInterrupts();
        }
        Assert.Equal([true], lines);
        Assert.Equal(0x04UL, bus.Read(0, MaltaBus.InterruptAcknowledgeAddress, 4));
        Assert.Equal((ulong)'x', bus.Read(0, MaltaBus.UartBase, 1));
        bus.Write(0, MaltaBus.PciIoBase + 0x20, 1, 0x20);
        Assert.Equal([true, false], lines);
    }
}
