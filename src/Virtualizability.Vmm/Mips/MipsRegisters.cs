using Virtualizability.Execution;
using Virtualizability.Isa.Ir;
using Virtualizability.Vmm.Arithmetic;

namespace Virtualizability.Vmm.Mips;

/// <summary>
/// The MIPS32 registers the allocator reads and writes, looked up once by the spec's names, with the architectural
/// bit positions it uses (PRA; the spec declares the same fields). A spec without them is not a MIPS32 spec.
/// </summary>
public sealed class MipsRegisters
{
    public const ulong StatusIE = 1 << 0, StatusEXL = 1 << 1, StatusERL = 1 << 2, StatusUM = 1 << 4;
    public const ulong StatusCU0 = 1UL << 28;

    /// <summary>HWREna with every hardware register RDHWR reads enabled (CPUNum, SYNCI_Step, CC, CCRes, ULR).</summary>
    public const ulong HwrEnaAll = 0x2000_000F;

    /// <summary>
    /// The real HWREna for a guest Status and HWREna. Where CP0 is usable to the guest (virtual kernel mode or CU0), RDHWR
    /// may read every hardware register whatever HWREna says, but the real machine runs the guest in user mode, where
    /// HWREna decides: with the guest's HWREna the real RDHWR would trap and be interpreted, correct but not efficient
    /// (the prover found it: RDHWR efficiency failed). So there the real HWREna enables every register; what RDHWR then
    /// reads (EBase.CPUNum, Count, UserLocal, two constants) is the guest's own in the real machine.
    /// </summary>
    /// <remarks>Written once over any arithmetic: the runtime runs it on machine words, the VMM proofs on terms.</remarks>
    public static T RealHwrEna<T, TBool>(IBitArithmetic<T, TBool> w, T guestStatus, T guestHwrEna)
    {
        var cp0Usable = w.Any(w.Not(w.Clear(guestStatus, StatusCU0 | StatusEXL | StatusERL)), w.Clear(guestStatus, StatusUM));
        return w.IfThenElse(cp0Usable, w.Word(HwrEnaAll), guestHwrEna);
    }
    public const int StatusIMShift = 8;
    public const ulong CauseTI = 1UL << 30, CauseDC = 1UL << 27;
    public const int CauseIPShift = 8;
    public const ulong CauseIP7 = 0x80UL << CauseIPShift, CauseIP0 = 0x01UL << CauseIPShift, CauseIPMask = 0xFFUL << CauseIPShift;
    public const ulong AsidMask = 0xFF;
    public const int TlbEntries = 16;

    public MipsRegisters(IsaModel model)
    {
        Status = Require(model, "Status");
        Cause = Require(model, "Cause");
        Compare = Require(model, "Compare");
        EntryHi = Require(model, "EntryHi");
        HWREna = Require(model, "HWREna");
        UserLocal = Require(model, "UserLocal");
        EBase = Require(model, "EBase");
        LLAddr = Require(model, "LLAddr");
        TlbHi = Require(model, "TLB_Hi");
        TlbMask = Require(model, "TLB_Mask");
        TlbLo0 = Require(model, "TLB_Lo0");
        TlbLo1 = Require(model, "TLB_Lo1");
        if (TlbHi.Count != TlbEntries) throw new ArgumentException($"{model.Name}: the MIPS allocator expects a {TlbEntries}-entry TLB");
    }

    public RegisterDecl Status { get; }
    public RegisterDecl Cause { get; }
    public RegisterDecl Compare { get; }
    public RegisterDecl EntryHi { get; }
    public RegisterDecl HWREna { get; }
    public RegisterDecl UserLocal { get; }
    public RegisterDecl EBase { get; }
    public RegisterDecl LLAddr { get; }
    public RegisterDecl TlbHi { get; }
    public RegisterDecl TlbMask { get; }
    public RegisterDecl TlbLo0 { get; }
    public RegisterDecl TlbLo1 { get; }

    /// <summary>The guest's virtual TLB as one array slice per field: entry i of TLB_Hi is Registers[TlbHi.Slot + i].</summary>
    public static ReadOnlySpan<ulong> Slice(MachineState state, RegisterDecl array) => state.Registers.AsSpan(array.Slot, array.Count);

    private static RegisterDecl Require(IsaModel model, string name) =>
        model.Register(name) ?? throw new ArgumentException($"{model.Name} declares no register {name}: the MIPS allocator needs a MIPS32 spec");
}
