using Virtualizability.Execution;
using Virtualizability.Vmm.Arithmetic;

namespace Virtualizability.Vmm.Mips;

/// <summary>
/// The guest's interrupts on a real machine that always runs it in user mode.
/// <list type="bullet">
/// <item>Timer: Count is a direct register, so the real epilogue ticks it exactly as the bare machine would; the real
/// Compare is the guest's, so the real Count/Compare match sets the real Cause.TI/IP7 on the very step the guest's
/// would. <see cref="Save"/> moves that into the guest's Cause (at every trap and slice end).</item>
/// <item>Delivery: when the guest would take an interrupt now (IE, not EXL/ERL, a pending IP unmasked), the real
/// machine gets a pending, enabled IP0, so its next prologue traps Interrupt right where the guest's would; when the
/// guest only waits for its timer, the real IE and IM7 are set so that the real match traps at once. Otherwise the
/// real machine takes no interrupts.</item>
/// </list>
/// The dispatcher then reflects the Interrupt (virtual user mode) or interprets the step, whose prologue takes it on
/// the virtual state (virtual kernel mode).
/// </summary>
public static class VirtualInterrupts
{
    internal static void Load(MipsRegisters r, MachineState guest, MachineState real)
    {
        var (status, cause) = RealStatusAndCause(MachineBitArithmetic.Word32, guest.GetRegister(r.Status), guest.GetRegister(r.Cause));
        real.SetRegister(r.Status, status);
        real.SetRegister(r.Cause, cause);
        real.SetRegister(r.Compare, guest.GetRegister(r.Compare));
    }

    /// <summary>
    /// The real Status and Cause for the guest's, over any arithmetic (the VMM proofs run it on terms): real user mode,
    /// the guest's Cause.DC, and the interrupt delivery described above.
    /// </summary>
    public static (T Status, T Cause) RealStatusAndCause<T, TBool>(IBitArithmetic<T, TBool> w, T status, T cause)
    {
        var enabled = w.All(w.Not(w.Clear(status, MipsRegisters.StatusIE)), w.Clear(status, MipsRegisters.StatusEXL | MipsRegisters.StatusERL));
        var mask = w.And(w.ShiftRight(status, MipsRegisters.StatusIMShift), w.Word(0xFF));
        var pending = w.And(w.ShiftRight(cause, MipsRegisters.CauseIPShift), w.Word(0xFF));
        var deliver = w.All(enabled, w.Not(w.IsZero(w.And(mask, pending))));
        var timer = w.All(enabled, w.All(w.Not(deliver), w.Not(w.Clear(mask, 0x80))));
        var user = w.Word(MipsRegisters.StatusUM);
        var realStatus = w.IfThenElse(deliver, w.Word(MipsRegisters.StatusUM | MipsRegisters.StatusIE | (1UL << MipsRegisters.StatusIMShift)),
            w.IfThenElse(timer, w.Word(MipsRegisters.StatusUM | MipsRegisters.StatusIE | (0x80UL << MipsRegisters.StatusIMShift)), user));
        var dc = w.And(cause, w.Word(MipsRegisters.CauseDC));
        return (realStatus, w.IfThenElse(deliver, w.Or(dc, w.Word(MipsRegisters.CauseIP0)), dc));
    }

    internal static void Save(MipsRegisters r, MachineState guest, MachineState real)
    {
        var realCause = real.GetRegister(r.Cause);
        if ((realCause & MipsRegisters.CauseTI) == 0) return;
        guest.SetRegister(r.Cause, guest.GetRegister(r.Cause) | MipsRegisters.CauseTI | MipsRegisters.CauseIP7);
        real.SetRegister(r.Cause, realCause & ~(MipsRegisters.CauseTI | MipsRegisters.CauseIP7));
    }
}
