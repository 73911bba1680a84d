namespace Virtualizability.Machines.Devices;

/// <summary>
/// The Malta's two cascaded 8259s in the PIIX4 southbridge (ISA IRQs 0–15, the slave on master input 2) with
/// their edge/level control registers, at their PC I/O ports. The master's INT output is the CPU's hardware
/// interrupt 0 (Cause.IP2); software takes the vector by an OCW3 poll or by the GT-64120's PCI interrupt
/// acknowledge register (<see cref="Acknowledge"/>).
/// </summary>
public sealed class MaltaInterruptController
{
    public const int CascadeInput = 2;
    public const int MasterCommand = 0x20, MasterData = 0x21, SlaveCommand = 0xA0, SlaveData = 0xA1;
    public const int ElcrMaster = 0x4D0, ElcrSlave = 0x4D1;

    private readonly I8259 _master = new(isMaster: true);
    private readonly I8259 _slave = new(isMaster: false);

    /// <summary>True when the master asks the CPU for an interrupt.</summary>
    public bool Output => _master.Output;

    /// <summary>True for the I/O ports this controller answers.</summary>
    public static bool Decodes(int port) => port is MasterCommand or MasterData or SlaveCommand or SlaveData or ElcrMaster or ElcrSlave;

    /// <summary>Drives ISA interrupt request <paramref name="irq"/> (0..15).</summary>
    public void SetIrq(int irq, bool level)
    {
        if (irq < 8) _master.SetInput(irq, level);
        else
        {
            _slave.SetInput(irq - 8, level);
            Cascade();
        }
    }

    /// <summary>The INTA cycle through the cascade: the vector of the highest-priority request (spurious 7 or 15 when none).</summary>
    public byte Acknowledge()
    {
        var level = _master.Acknowledge(out var vector);
        if (level == CascadeInput)
        {
            _slave.Acknowledge(out vector);
            Cascade();
        }
        return vector;
    }

    public byte Read(int port) => port switch
    {
        MasterCommand => _master.ReadCommand(),
        MasterData => _master.ReadData(),
        SlaveCommand => ReadSlaveCommand(),
        SlaveData => _slave.ReadData(),
        ElcrMaster => _master.LevelTriggered,
        ElcrSlave => _slave.LevelTriggered,
        _ => 0,
    };

    public void Write(int port, byte value)
    {
        switch (port)
        {
            case MasterCommand: _master.WriteCommand(value); break;
            case MasterData: _master.WriteData(value); break;
            case SlaveCommand: _slave.WriteCommand(value); Cascade(); break;
            case SlaveData: _slave.WriteData(value); Cascade(); break;
            // The PIIX4 keeps IRQ 0, 1, 2, 8 and 13 edge-triggered.
            case ElcrMaster: _master.LevelTriggered = (byte)(value & 0xF8); break;
            case ElcrSlave: _slave.LevelTriggered = (byte)(value & 0xDE); break;
        }
    }

    private byte ReadSlaveCommand()
    {
        var value = _slave.ReadCommand();
        Cascade();
        return value;
    }

    // The slave's INT is the master's input 2.
    private void Cascade() => _master.SetInput(CascadeInput, _slave.Output);
}
