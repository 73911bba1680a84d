using Virtualizability.Execution;

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
internal static class VirtualInterrupts
{
    public static void Load(MipsRegisters r, MachineState guest, MachineState real)
    {
        var status = guest.GetRegister(r.Status);
        var cause = guest.GetRegister(r.Cause);
        var realStatus = MipsRegisters.StatusUM;
        var realCause = cause & MipsRegisters.CauseDC;
        var enabled = (status & MipsRegisters.StatusIE) != 0 && (status & (MipsRegisters.StatusEXL | MipsRegisters.StatusERL)) == 0;
        if (enabled)
        {
            var mask = (status >> MipsRegisters.StatusIMShift) & 0xFF;
            var pending = (cause >> MipsRegisters.CauseIPShift) & 0xFF;
            if ((mask & pending) != 0)
            {
                realStatus |= MipsRegisters.StatusIE | (1UL << MipsRegisters.StatusIMShift);
                realCause |= MipsRegisters.CauseIP0;
            }
            else if ((mask & 0x80) != 0)
            {
                realStatus |= MipsRegisters.StatusIE | (0x80UL << MipsRegisters.StatusIMShift);
            }
        }
        real.SetRegister(r.Status, realStatus);
        real.SetRegister(r.Cause, realCause);
        real.SetRegister(r.Compare, guest.GetRegister(r.Compare));
    }

    public static void Save(MipsRegisters r, MachineState guest, MachineState real)
    {
        var realCause = real.GetRegister(r.Cause);
        if ((realCause & MipsRegisters.CauseTI) == 0) return;
        guest.SetRegister(r.Cause, guest.GetRegister(r.Cause) | MipsRegisters.CauseTI | MipsRegisters.CauseIP7);
        real.SetRegister(r.Cause, realCause & ~(MipsRegisters.CauseTI | MipsRegisters.CauseIP7));
    }
}
