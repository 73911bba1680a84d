namespace Virtualizability.Machines.Devices;

/// <summary>
/// The part of the boot ROM (physical 0x1fc00000) that programs written for YAMON call: the service table at
/// 0x1fc00500 holds the addresses QEMU 7.2's Malta boot ROM holds there (measured with the monitor's `xp`), and behind
/// the two console services, print (table slot 0x534, NUL-terminated string in a1) and print_count (slot 0x504, a2
/// bytes from a1), there is code that writes the bytes to the 16550, polling THRE, as QEMU's ROM does. The other
/// services (flush_cache, the interrupt and exception registrations, getchar, syscon_read) return 0, as on QEMU.
/// The code is this project's own, assembled from the listing in the comments (mipsel-linux-gnu-as -march=mips32);
/// only the entry addresses are QEMU's. The "start" slots (0x500, 0x520) point at 0x1fc00580 as on QEMU, where QEMU
/// has its boot code and this ROM has zeros: a program that calls them does not restart here.
/// </summary>
public sealed class YamonServices
{
    public const ulong Base = 0x1FC0_0000;
    public const int Size = 0x1000;

    private static readonly (int Offset, uint Word)[] Contents =
    [
        // The service table: kseg0 addresses of the routines.
        (0x500, 0x9FC0_0580), (0x504, 0x9FC0_083C), (0x520, 0x9FC0_0580), (0x52C, 0x9FC0_0800), (0x534, 0x9FC0_0808),
        (0x538, 0x9FC0_0800), (0x53C, 0x9FC0_0800), (0x540, 0x9FC0_0800), (0x544, 0x9FC0_0800), (0x548, 0x9FC0_0800),
        (0x54C, 0x9FC0_0800), (0x550, 0x9FC0_0800), (0x554, 0x9FC0_0800),
        // 0x800 return0:  jr ra; addiu v0, zero, 0
        (0x800, 0x03E0_0008), (0x804, 0x2402_0000),
        // 0x808 print:    lui t0, 0xb800; ori t0, t0, 0x3f8
        //          1:     lbu t1, 0(a1); beqz t1, 3f; addiu a1, a1, 1
        //          2:     lbu t2, 5(t0); andi t2, t2, 0x20; beqz t2, 2b; nop
        //                 b 1b; sb t1, 0(t0)
        //          3:     jr ra; nop
        (0x808, 0x3C08_B800), (0x80C, 0x3508_03F8), (0x810, 0x90A9_0000), (0x814, 0x1120_0007), (0x818, 0x24A5_0001),
        (0x81C, 0x910A_0005), (0x820, 0x314A_0020), (0x824, 0x1140_FFFD), (0x828, 0x0000_0000), (0x82C, 0x1000_FFF8),
        (0x830, 0xA109_0000), (0x834, 0x03E0_0008), (0x838, 0x0000_0000),
        // 0x83c print_count: lui t0, 0xb800; ori t0, t0, 0x3f8
        //          1:     beqz a2, 3f; nop
        //                 lbu t1, 0(a1); addiu a1, a1, 1; addiu a2, a2, -1
        //          2:     lbu t2, 5(t0); andi t2, t2, 0x20; beqz t2, 2b; nop
        //                 b 1b; sb t1, 0(t0)
        //          3:     jr ra; nop
        (0x83C, 0x3C08_B800), (0x840, 0x3508_03F8), (0x844, 0x10C0_000A), (0x848, 0x0000_0000), (0x84C, 0x90A9_0000),
        (0x850, 0x24A5_0001), (0x854, 0x24C6_FFFF), (0x858, 0x910A_0005), (0x85C, 0x314A_0020), (0x860, 0x1140_FFFD),
        (0x864, 0x0000_0000), (0x868, 0x1000_FFF6), (0x86C, 0xA109_0000), (0x870, 0x03E0_0008), (0x874, 0x0000_0000),
    ];

    private readonly byte[] _bytes = WordImage.Build(Size, Contents);

    public static bool Decodes(ulong address) => address - Base < Size;

    /// <summary>Byte <paramref name="address"/> of the ROM (writes to a ROM are ignored, so there is no Write).</summary>
    public byte Read(ulong address) => _bytes[address - Base];
}
