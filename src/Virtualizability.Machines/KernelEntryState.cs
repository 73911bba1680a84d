using Virtualizability.Machines.Elf;

namespace Virtualizability.Machines;

/// <summary>
/// The state in which QEMU's Malta `-kernel` boot code enters an ELF, measured on QEMU 7.2
/// (`-M malta -cpu 24Kc -kernel`, a program printing its registers at entry): kernel mode with
/// Status = 0x00400000 (BEV set, ERL and EXL clear), EBase = 0x80000000, Config0 = 0x80000482,
/// sp = 0x80001fc0, t9 = the entry point, a0 = argc (2), a1 = argv, a2 = envp (the tables of
/// <see cref="FirmwareEnvironment"/>), a3 = the RAM size below the I/O hole (at most 256 MiB).
/// QEMU's boot code also leaves ra pointing just after its jump into the kernel (0xbfc00644: a program returning
/// from its entry point goes back into the boot ROM) and k0/k1 holding the last GT-64120 register it set up; they
/// are set to the same values, so that a program printing its entry registers prints what it prints on QEMU.
/// Only PC is written for the entry: the spec says a board starting the machine writes PC alone (its
/// delay-slot registers InDS and BrPending are 0 after reset, and NPC is set by the prologue).
/// </summary>
public static class KernelEntryState
{
    public const ulong Status = 0x0040_0000;
    public const ulong EBase = 0x8000_0000;
    public const ulong Config0 = 0x8000_0482;
    public const ulong StackPointer = 0x8000_1FC0;
    public const ulong ReturnAddress = 0xBFC0_0644;
    public const ulong BootCodeK0 = 0x5E, BootCodeK1 = 0xBBE0_0088;

    public static IEnumerable<(string Register, int Index, ulong Value)> Registers(uint entry, long lowRamBytes) =>
    [
        ("Status", 0, Status),
        ("EBase", 0, EBase),
        ("Config0", 0, Config0),
        ("InDS", 0, 0),
        ("BrPending", 0, 0),
        ("GPR", 4, FirmwareEnvironment.ArgumentCount),
        ("GPR", 5, FirmwareEnvironment.ArgvAddress),
        ("GPR", 6, FirmwareEnvironment.EnvpAddress),
        ("GPR", 7, (ulong)lowRamBytes),
        ("GPR", 25, entry),
        ("GPR", 26, BootCodeK0),
        ("GPR", 27, BootCodeK1),
        ("GPR", 29, StackPointer),
        ("GPR", 31, ReturnAddress),
        ("PC", 0, entry),
    ];
}
