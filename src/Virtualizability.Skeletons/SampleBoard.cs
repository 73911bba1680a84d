using Virtualizability.Isa.Ir;

namespace Virtualizability.Skeletons;

/// <summary>
/// The board program-image guests run on, the same for `pgcheck run GUEST --isa SPEC [--vmm]` and for the Program.cs of
/// a generated skeleton: RAM from guest-physical 0, a console whose one port is the storage's 16th cell from the top
/// (a byte stored there is printed), the image loaded at the program counter's value after reset, and on halt the
/// registers printed as "halted: NAME=0xVALUE ...".
/// </summary>
public static class SampleBoard
{
    /// <summary>Default RAM: half the address space, at most 1 Mi cells (pg-machine: 0x8000 bytes).</summary>
    public static ulong DefaultRam(MemoryDecl storage) => storage.AddressWidth > 21 ? 1UL << 20 : 1UL << (storage.AddressWidth - 1);

    public static ulong ConsoleAddress(MemoryDecl storage) =>
        (storage.AddressWidth >= 64 ? ulong.MaxValue : (1UL << storage.AddressWidth) - 1) - 15;

    /// <summary>Bits per hex word of a guest file: the instruction width of fixed encodings, else a byte.</summary>
    public static int UnitWidth(IsaModel model) => model.Encoding.Kind == EncodingKind.Fixed ? model.Encoding.Width : 8;

    public const string HaltedPrefix = "halted: ";
}
