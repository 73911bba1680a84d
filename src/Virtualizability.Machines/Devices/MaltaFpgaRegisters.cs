namespace Virtualizability.Machines.Devices;

/// <summary>
/// The Malta FPGA's registers at physical 0x1f000000 apart from the software reset (which <see cref="MaltaBus"/>
/// handles): what a board-probing program reads back on QEMU 7.2, measured by writing and reading each register from
/// a guest. STATUS reads 0x10; the LED bar, BRKRES, GPOUT and the I2C output-enable/output/select registers keep the
/// low byte written (their values after reset: 0, 0x0a, 0, 0, 3, 1); GPINP reads 3 and I2CINP reads 2 (the I2C bus to
/// the SPD EEPROM is not modelled: the lines read as idle); the switches, the ASCII display and everything else in
/// the FPGA's 1 MiB read zero and ignore writes.
/// </summary>
public sealed class MaltaFpgaRegisters
{
    public const ulong Base = 0x1F00_0000;
    public const ulong Size = 0x10_0000;

    private const int Status = 0x208, LedBar = 0x408, BreakReset = 0x508, GeneralOutput = 0xA00, GeneralInput = 0xA08;
    private const int I2cInput = 0xB00, I2cOutputEnable = 0xB08, I2cOutput = 0xB10, I2cSelect = 0xB18;

    private readonly Dictionary<int, byte> _writable = new()
    {
        [LedBar] = 0, [BreakReset] = 0x0A, [GeneralOutput] = 0, [I2cOutputEnable] = 0, [I2cOutput] = 3, [I2cSelect] = 1,
    };

    public static bool Decodes(ulong address) => address - Base < Size;

    /// <summary>Byte <paramref name="address"/>: each register is a little-endian word whose low byte holds its value.</summary>
    public byte Read(ulong address)
    {
        var offset = (int)(address - Base);
        if ((offset & 3) != 0) return 0;
        return offset switch
        {
            Status => 0x10,
            GeneralInput => 3,
            I2cInput => 2,
            _ => _writable.GetValueOrDefault(offset),
        };
    }

    public void Write(ulong address, byte value)
    {
        var offset = (int)(address - Base);
        if (_writable.ContainsKey(offset)) _writable[offset] = value;
    }
}
