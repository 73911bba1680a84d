namespace Virtualizability.Vmm.Tests.Guests;

/// <summary>
/// A small pg-machine operating system. The kernel boots in (virtual) supervisor mode at the reset P, writes its
/// own trap PSW and a user PSW into its memory, confines itself with SETR and reads R back with GETR, and enters the
/// user task with LPSW. The user task (at virtual 0, relocated to guest-physical 0x1000, bound 0x400) runs a
/// summing loop, makes system calls, touches memory beyond its bound, tries a privileged instruction, overflows,
/// and exits with SVC 0xFF. The trap handler sums SVC codes, counts and records faults, skips faulting
/// instructions by advancing the old PSW's P, returns with LPSW, and HALTs on exit.
/// </summary>
public static class GuestKernel
{
    public const ulong SvcSum = 0x0040;
    public const ulong FaultCount = 0x0042;
    public const ulong LastFaultArgument = 0x0044;
    public const ulong LastFaultCode = 0x0046;
    public const ulong HandlerBase = 0x0048;    // the handler's GETR: its (virtual) L
    public const ulong HandlerBound = 0x004A;   // and B
    public const ulong BootBase = 0x004C;       // the kernel's GETR after its SETR
    public const ulong BootBound = 0x004E;
    public const ulong BeyondRamRead = 0x0050;  // what the kernel read at guest-physical 0x5000
    public const ulong UserBase = 0x1000;
    public const ulong UserBound = 0x0400;
    public const ulong UserSum = UserBase + 0x0200;
    public const ulong UserLastWord = UserBase + 0x03FE;

    /// <summary>The whole image; <paramref name="iterations"/> sets the user loop's length.</summary>
    public static GuestImage Build(ulong iterations) => GuestImage.Of(Kernel(), User(iterations));

    private static IReadOnlyList<(ulong, ulong)> Kernel()
    {
        var k = new PgAssembler(0x0100);
        k.Li(7, 0)
            // New PSW: the handler, in supervisor mode, with the whole address space as its R.
            .Li(1, 0).Sw(1, 7, 0x08).LoadLabel(1, "handler").Sw(1, 7, 0x0A).Li(1, 0).Sw(1, 7, 0x0C).Li(1, 0xFFFF).Sw(1, 7, 0x0E)
            // User PSW at 0x20: user mode, P = 0, R = (0x1000, 0x400).
            .Li(1, 1).Sw(1, 7, 0x20).Li(1, 0).Sw(1, 7, 0x22).Li(1, UserBase).Sw(1, 7, 0x24).Li(1, UserBound).Sw(1, 7, 0x26)
            // A read beyond a small VM's RAM (0x5000 < B, so valid for the guest): the allocator's case.
            .Li(3, 0x5000).Lw(4, 3, 0).Sw(4, 7, BeyondRamRead)
            // The kernel confines itself to its first 8 KiB and checks what R now says.
            .Li(2, 0).Li(3, 0x2000).Setr(2, 3).Getr(4, 5).Sw(4, 7, BootBase).Sw(5, 7, BootBound)
            .Lpsw(7, 0x20);

        k.Label("handler").Li(7, 0)
            .Getr(5, 6).Sw(5, 7, HandlerBase).Sw(6, 7, HandlerBound)
            .Lw(1, 7, 0x10).Li(2, 3).Branch("BEQ", 1, 2, "svc")
            // A fault: count it, record code and argument, and resume after the faulting instruction.
            .Lw(3, 7, FaultCount).Addi(3, 3, 1).Sw(3, 7, FaultCount)
            .Lw(3, 7, 0x12).Sw(3, 7, LastFaultArgument).Sw(1, 7, LastFaultCode)
            .Lw(3, 7, 0x02).Addi(3, 3, 4).Sw(3, 7, 0x02)
            .Lpsw(7, 0x00);
        k.Label("svc").Lw(3, 7, 0x12).Li(4, 0xFF).Branch("BEQ", 3, 4, "exit")
            .Lw(4, 7, SvcSum).Add(4, 4, 3).Sw(4, 7, SvcSum)
            .Lpsw(7, 0x00);
        k.Label("exit").Halt();
        return k.Assemble();
    }

    private static IReadOnlyList<(ulong, ulong)> User(ulong iterations)
    {
        var u = new PgAssembler(0, UserBase);
        u.Li(0, 0).Li(1, 0).Li(2, 0).Li(3, iterations)
            .Label("loop").Addi(1, 1, 1).Add(2, 2, 1).Branch("BNE", 1, 3, "loop")
            .Sw(2, 0, UserSum - UserBase)
            .Svc(1).Svc(2)
            .Li(0, 0).Lw(4, 0, 0x0800)                                       // beyond the bound: MemoryViolation
            .Getr(5, 6)                                                      // privileged in user mode
            .Li(1, 0x7FFF).Li(2, 1).Emit("ADDV", ("ra", 3), ("rb", 1), ("rc", 2)) // signed overflow
            .Li(0, 0).Li(1, 0x55).Sw(1, 0, UserLastWord - UserBase)          // the last word inside the bound
            .Svc(0xFF);
        return u.Assemble();
    }
}
