namespace Virtualizability.Machines.Devices;

/// <summary>
/// One Intel 8259A programmable interrupt controller, as the PC and the Malta's PIIX4 southbridge have two of:
/// the initialization words ICW1–ICW4, the mask (OCW1), end-of-interrupt and rotation commands (OCW2), register
/// reads and poll mode (OCW3), edge- or level-triggered inputs (the PIIX4's ELCR), fully nested priority with
/// rotation. Timing, 8080 mode and buffered mode do not exist for software on this board and are not modelled.
/// Input edges follow QEMU's i8259: an edge-triggered input sets its request bit on a rising edge only.
/// </summary>
public sealed class I8259
{
    private byte _irr, _isr, _imr, _lastLevels, _levelTriggered;
    private byte _vectorBase, _lowestPriority = 7;
    private bool _readIsr, _pollPending, _autoEoi, _rotateOnAutoEoi, _specialMask, _specialFullyNested;
    private int _initStep;      // 0: running; 2, 3, 4: the next write to the data port is that ICW
    private bool _expectIcw3, _expectIcw4;

    public I8259(bool isMaster) => IsMaster = isMaster;

    public bool IsMaster { get; }

    /// <summary>The edge/level control register: bit n set makes input n level-triggered.</summary>
    public byte LevelTriggered
    {
        get => _levelTriggered;
        set => _levelTriggered = value;
    }

    /// <summary>The INT output: an unmasked request of higher priority than every interrupt in service.</summary>
    public bool Output => PendingLevel() >= 0;

    /// <summary>Drives input line <paramref name="line"/> (0..7).</summary>
    public void SetInput(int line, bool level)
    {
        var bit = (byte)(1 << line);
        if ((_levelTriggered & bit) != 0)
        {
            if (level) _irr |= bit;
            else _irr &= (byte)~bit;
        }
        else if (level && (_lastLevels & bit) == 0) _irr |= bit;
        _lastLevels = level ? (byte)(_lastLevels | bit) : (byte)(_lastLevels & ~bit);
    }

    /// <summary>
    /// The interrupt acknowledge cycle: the highest-priority pending level goes in service and its vector is
    /// returned; with nothing pending, the spurious level 7. For a cascade input the caller asks the slave.
    /// </summary>
    public int Acknowledge(out byte vector)
    {
        var level = PendingLevel();
        if (level < 0)
        {
            vector = (byte)(_vectorBase | 7);
            return 7;
        }
        InService(level);
        vector = (byte)(_vectorBase | level);
        return level;
    }

    public byte ReadCommand()
    {
        if (_pollPending)
        {
            _pollPending = false;
            var level = PendingLevel();
            if (level < 0) return 0;
            InService(level);
            return (byte)(0x80 | level);
        }
        return _readIsr ? _isr : _irr;
    }

    public byte ReadData() => _imr;

    public void WriteCommand(byte value)
    {
        if ((value & 0x10) != 0) Initialize(value);
        else if ((value & 0x08) != 0) Ocw3(value);
        else Ocw2(value);
    }

    public void WriteData(byte value)
    {
        switch (_initStep)
        {
            case 2:
                _vectorBase = (byte)(value & 0xF8);
                _initStep = _expectIcw3 ? 3 : _expectIcw4 ? 4 : 0;
                break;
            case 3:
                // ICW3 names the cascade wiring, which on this board is fixed (slave on master input 2).
                _initStep = _expectIcw4 ? 4 : 0;
                break;
            case 4:
                _autoEoi = (value & 0x02) != 0;
                _specialFullyNested = (value & 0x10) != 0;
                _initStep = 0;
                break;
            default:
                _imr = value;
                break;
        }
    }

    private void Initialize(byte icw1)
    {
        // ICW1 clears the mask, the requests' edge memory, the in-service bits and the rotation, and selects IRR.
        _imr = 0;
        _isr = 0;
        _irr &= _levelTriggered;
        _lastLevels = 0;
        _lowestPriority = 7;
        _readIsr = false;
        _pollPending = false;
        _specialMask = false;
        _autoEoi = false;
        _specialFullyNested = false;
        _rotateOnAutoEoi = false;
        _expectIcw3 = (icw1 & 0x02) == 0;   // SNGL = 0: cascaded, ICW3 follows
        _expectIcw4 = (icw1 & 0x01) != 0;   // IC4
        _initStep = 2;
    }

    private void Ocw2(byte value)
    {
        var level = value & 7;
        switch (value >> 5)
        {
            case 0: _rotateOnAutoEoi = false; break;
            case 4: _rotateOnAutoEoi = true; break;
            case 1: // non-specific EOI
            case 5: // rotate on non-specific EOI
                var served = HighestPriority(_isr);
                if (served < 0) break;
                _isr &= (byte)~(1 << served);
                if (value >> 5 == 5) _lowestPriority = (byte)served;
                break;
            case 3: // specific EOI
                _isr &= (byte)~(1 << level);
                break;
            case 7: // rotate on specific EOI
                _isr &= (byte)~(1 << level);
                _lowestPriority = (byte)level;
                break;
            case 6: // set priority
                _lowestPriority = (byte)level;
                break;
        }
    }

    private void Ocw3(byte value)
    {
        if ((value & 0x04) != 0) _pollPending = true;
        if ((value & 0x02) != 0) _readIsr = (value & 0x01) != 0;
        if ((value & 0x40) != 0) _specialMask = (value & 0x20) != 0;
    }

    private void InService(int level)
    {
        var bit = (byte)(1 << level);
        if ((_levelTriggered & bit) == 0) _irr &= (byte)~bit;
        if (!_autoEoi) _isr |= bit;
        else if (_rotateOnAutoEoi) _lowestPriority = (byte)level;
    }

    // The level that INT reports, or -1: requests are served in priority order, and one of lower priority than
    // an interrupt in service waits. In special mask mode masked in-service levels do not block; a master in
    // special fully nested mode lets the cascaded slave's further requests through while the slave is in service.
    private int PendingLevel()
    {
        var requested = HighestPriority((byte)(_irr & ~_imr));
        if (requested < 0) return -1;
        var inService = _specialMask ? (byte)(_isr & ~_imr) : _isr;
        if (IsMaster && _specialFullyNested) inService &= unchecked((byte)~(1 << MaltaInterruptController.CascadeInput));
        var served = HighestPriority(inService);
        return served < 0 || Priority(requested) < Priority(served) ? requested : -1;
    }

    // Priority 0 is the highest: the level just after the lowest-priority one.
    private int Priority(int level) => (level - _lowestPriority - 1) & 7;

    private int HighestPriority(byte bits)
    {
        for (var p = 0; p < 8; p++)
        {
            var level = (p + _lowestPriority + 1) & 7;
            if ((bits & (1 << level)) != 0) return level;
        }
        return -1;
    }
}
