namespace Virtualizability.Machines;

/// <summary>
/// The state in which QEMU's Malta `-kernel` boot code enters an ELF, measured on QEMU 7.2
/// (`-M malta -cpu 24Kc -kernel`, a program printing its registers at entry): kernel mode with
/// Status = 0x00400000 (BEV set, ERL and EXL clear), EBase = 0x80000000, Config0 = 0x80000482,
/// sp = 0x80001fc0, t9 = the entry point, a3 = the RAM size below the I/O hole
/// (at most 256 MiB; QEMU passes the rest in its firmware's environment). QEMU's firmware also passes argc = 2 and its own
/// argv/envp tables in a0..a2 and a return address into its ROM in ra; this board has no firmware, so those
/// stay 0 rather than pointing at tables that are not there.
/// Only PC is written for the entry: the spec says a board starting the machine writes PC alone (its
/// delay-slot registers InDS and BrPending are 0 after reset, and NPC is set by the prologue).
/// </summary>
public static class KernelEntryState
{
    public const ulong Status = 0x0040_0000;
    public const ulong EBase = 0x8000_0000;
    public const ulong Config0 = 0x8000_0482;
    public const ulong StackPointer = 0x8000_1FC0;

    public static IEnumerable<(string Register, int Index, ulong Value)> Registers(uint entry, long lowRamBytes) =>
    [
        ("Status", 0, Status),
        ("EBase", 0, EBase),
        ("Config0", 0, Config0),
        ("InDS", 0, 0),
        ("BrPending", 0, 0),
        ("GPR", 29, StackPointer),
        ("GPR", 25, entry),
        ("GPR", 7, (ulong)lowRamBytes),
        ("PC", 0, entry),
    ];
}
