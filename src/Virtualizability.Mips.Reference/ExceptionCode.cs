namespace Virtualizability.Mips.Reference;

/// <summary>Cause.ExcCode values (MIPS32 PRA, Vol. III, Table 9.31 "Cause Register ExcCode Field").</summary>
public enum ExceptionCode
{
    Interrupt = 0,
    TlbModified = 1,
    TlbLoad = 2,
    TlbStore = 3,
    AddressErrorLoad = 4,
    AddressErrorStore = 5,
    BusErrorInstruction = 6,
    BusErrorData = 7,
    Syscall = 8,
    Breakpoint = 9,
    ReservedInstruction = 10,
    CoprocessorUnusable = 11,
    Overflow = 12,
    Trap = 13,
    Watch = 23,
    MachineCheck = 24,
}
