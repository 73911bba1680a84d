namespace Virtualizability.Machines.Devices;

/// <summary>
/// A National Semiconductor 16550 UART as far as software can tell without timing: transmission is instant
/// (THRE and TEMT are always set after a write), received bytes come from an <see cref="IByteInput"/>, and
/// the divisor latch, FIFO control and modem lines are stored but do not change speed. Reset values are the
/// ones measured on QEMU's Malta after its -kernel boot code (IER = 0, IIR = 0x01, LCR = 0, MCR = OUT2,
/// LSR = 0x60, MSR = DCD|DSR|CTS). The interrupt output is computed (<see cref="InterruptPending"/>) for IIR.
/// </summary>
public sealed class Uart16550
{
    // Register offsets from the base address.
    public const int RbrThrDll = 0, IerDlm = 1, IirFcr = 2, Lcr = 3, Mcr = 4, Lsr = 5, Msr = 6, Scr = 7;

    public const byte LsrDataReady = 0x01, LsrThrEmpty = 0x20, LsrTransmitterEmpty = 0x40;
    private const byte LcrDlab = 0x80;
    private const byte McrLoopback = 0x10, McrOut2 = 0x08;
    private const byte IerReceived = 0x01, IerThrEmpty = 0x02, IerModem = 0x08;
    private const byte IirNone = 0x01, IirModem = 0x00, IirThrEmpty = 0x02, IirReceived = 0x04, IirFifosOn = 0xC0;
    // Not in loopback, the lines read as a connected terminal: carrier, data set ready, clear to send.
    private const byte MsrIdleLines = 0xB0;

    private readonly Stream _output;
    private readonly IByteInput _input;
    private readonly Queue<byte> _loopback = new();
    private byte _ier, _lcr, _mcr = McrOut2, _scr, _fcr, _dll, _dlm, _msrDeltas;
    private int _received = -1;
    private bool _thrEmptyInterrupt;

    public Uart16550(Stream output, IByteInput input)
    {
        _output = output;
        _input = input;
    }

    /// <summary>True when an enabled interrupt condition is pending (what IIR reports).</summary>
    public bool InterruptPending => (Identify() & IirNone) == 0;

    /// <summary>True when the guest asked for an interrupt on received data (IER bit 0), so input must be watched.</summary>
    public bool ReceiveInterruptEnabled => (_ier & IerReceived) != 0;

    public byte Read(int offset)
    {
        var dlab = (_lcr & LcrDlab) != 0;
        switch (offset)
        {
            case RbrThrDll:
                if (dlab) return _dll;
                if (!HasData()) return 0;
                var value = (byte)_received;
                _received = -1;
                return value;
            case IerDlm:
                return dlab ? _dlm : _ier;
            case IirFcr:
                var iir = Identify();
                // Reading IIR while it reports THR empty acknowledges that interrupt.
                if ((iir & 0x0F) == IirThrEmpty) _thrEmptyInterrupt = false;
                return (byte)(iir | ((_fcr & 1) != 0 ? IirFifosOn : 0));
            case Lcr:
                return _lcr;
            case Mcr:
                return _mcr;
            case Lsr:
                // THR and the shift register are always empty: a write leaves at once.
                return (byte)(LsrThrEmpty | LsrTransmitterEmpty | (HasData() ? LsrDataReady : 0));
            case Msr:
                var msr = (byte)(ModemLines() | _msrDeltas);
                _msrDeltas = 0;
                return msr;
            default:
                return _scr;
        }
    }

    public void Write(int offset, byte value)
    {
        var dlab = (_lcr & LcrDlab) != 0;
        switch (offset)
        {
            case RbrThrDll when dlab:
                _dll = value;
                break;
            case RbrThrDll:
                Transmit(value);
                break;
            case IerDlm when dlab:
                _dlm = value;
                break;
            case IerDlm:
                // Enabling the THR-empty interrupt while THR is empty raises it at once (as the 16550 and QEMU do).
                if ((value & IerThrEmpty) != 0 && (_ier & IerThrEmpty) == 0) _thrEmptyInterrupt = true;
                _ier = (byte)(value & 0x0F);
                break;
            case IirFcr:
                _fcr = (byte)(value & 0xC9);
                if ((value & 0x02) != 0) ClearReceived();
                break;
            case Lcr:
                _lcr = value;
                break;
            case Mcr:
                var before = ModemLines();
                _mcr = (byte)(value & 0x1F);
                RecordDeltas(before, ModemLines());
                break;
            case Lsr:
            case Msr:
                break; // read-only (the factory-test writes of a real 16550 are not modelled)
            default:
                _scr = value;
                break;
        }
    }

    /// <summary>Pushes transmitted bytes to the host (the board calls it at the end of a run and between chunks).</summary>
    public void Flush() => _output.Flush();

    private void Transmit(byte value)
    {
        if ((_mcr & McrLoopback) != 0) _loopback.Enqueue(value);
        else
        {
            _output.WriteByte(value);
            if (value == (byte)'\n') _output.Flush();
        }
        // The byte moved out of THR at once, so THR is empty again: the interrupt condition comes back.
        _thrEmptyInterrupt = true;
    }

    private bool HasData()
    {
        if (_received >= 0) return true;
        if ((_mcr & McrLoopback) != 0)
        {
            if (_loopback.Count > 0) _received = _loopback.Dequeue();
        }
        else if (_input.TryRead(out var b)) _received = b;
        return _received >= 0;
    }

    private void ClearReceived()
    {
        _received = -1;
        _loopback.Clear();
    }

    private int Identify()
    {
        if ((_ier & IerReceived) != 0 && HasData()) return IirReceived;
        if ((_ier & IerThrEmpty) != 0 && _thrEmptyInterrupt) return IirThrEmpty;
        if ((_ier & IerModem) != 0 && (_msrDeltas & 0x0F) != 0) return IirModem;
        return IirNone;
    }

    // In loopback the modem inputs are wired to the outputs: CTS = RTS, DSR = DTR, RI = OUT1, DCD = OUT2.
    private byte ModemLines()
    {
        if ((_mcr & McrLoopback) == 0) return MsrIdleLines;
        return (byte)(((_mcr & 0x02) << 3) | ((_mcr & 0x01) << 5) | ((_mcr & 0x04) << 4) | ((_mcr & 0x08) << 4));
    }

    // Delta bits: DCTS (0), DDSR (1), TERI (2, on a 1 to 0 change of RI), DDCD (3).
    private void RecordDeltas(byte before, byte after)
    {
        var changed = before ^ after;
        if ((changed & 0x10) != 0) _msrDeltas |= 0x01;
        if ((changed & 0x20) != 0) _msrDeltas |= 0x02;
        if ((before & 0x40) != 0 && (after & 0x40) == 0) _msrDeltas |= 0x04;
        if ((changed & 0x80) != 0) _msrDeltas |= 0x08;
    }
}
