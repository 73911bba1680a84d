using static Virtualizability.Mips.Reference.Cp0Bits;

namespace Virtualizability.Mips.Reference;

/// <summary>
/// A straightforward MIPS32 Release 2 interpreter (24Kc without FPU, little-endian), written from
/// the MIPS32 Architecture for Programmers Vol. II (instructions) and Vol. III (privileged resources).
/// It is the test oracle for the spec-driven model, so every step is a plain transcription of the manual.
///
/// Deterministic timing choices (the manual leaves them to the implementation):
/// <list type="bullet">
/// <item>Count ticks once per retired instruction (not per exception step), unless Cause.DC is set;
/// when it becomes equal to Compare, Cause.TI and Cause.IP7 are set (IntCtl.IPTI = 7).</item>
/// <item>Random changes only on TLBWR: after the write it steps down by one, wrapping from Wired to 15.</item>
/// <item>WAIT waits: while no interrupt is requested (no Cause.IP bit unmasked by Status.IM, whatever IE) it
/// stays at the WAIT, one step and one Count tick at a time (<see cref="MipsState.Waiting"/>); an interrupt taken
/// then returns to the instruction after it. <see cref="StepResult.EnteredWait"/> lets a board skip idle steps.</item>
/// </list>
/// </summary>
public sealed partial class MipsInterpreter
{
    private bool _stopRequested;

    public MipsInterpreter(MipsState state, IPhysicalBus bus)
    {
        State = state;
        Bus = bus;
    }

    public MipsState State { get; }
    public IPhysicalBus Bus { get; }

    /// <summary>Makes <see cref="Run"/> return after the current step (for a device such as a reset register).</summary>
    public void RequestStop() => _stopRequested = true;

    /// <summary>Drives hardware interrupt line IP2..IP6 (Cause.IP bits 10..14) from a device.</summary>
    public void SetInterruptLine(int line, bool asserted)
    {
        if (line is < 2 or > 6) throw new ArgumentOutOfRangeException(nameof(line), "hardware lines are IP2..IP6; IP7 is the timer");
        uint bit = 1u << (CauseIPShift + line);
        State.Cause = asserted ? State.Cause | bit : State.Cause & ~bit;
    }

    /// <summary>Executes up to <paramref name="maxSteps"/> steps, or until <see cref="RequestStop"/>; returns the steps done.</summary>
    public long Run(long maxSteps)
    {
        _stopRequested = false;
        long steps = 0;
        while (steps < maxSteps && !_stopRequested)
        {
            Step();
            steps++;
        }
        return steps;
    }

    /// <summary>
    /// One step: take a pending interrupt, or fetch, decode and execute the instruction at PC
    /// (taking its exception if it raises one).
    /// </summary>
    public StepResult Step()
    {
        uint pc = State.Pc;
        uint word = 0;
        try
        {
            // Interrupts are sampled before the instruction executes (Vol. III 6.1.1).
            if (InterruptPending()) throw new GuestException(ExceptionCode.Interrupt);
            word = Fetch(pc);
            var flow = Execute(MipsDecoder.Decode(word));
            Advance(flow);
            TickCount();
            return new StepResult(StepKind.Retired, pc, word, null, flow.Kind == FlowKind.Wait);
        }
        catch (GuestException exception)
        {
            EnterException(exception);
            return new StepResult(StepKind.ExceptionTaken, pc, word, exception.Code, false);
        }
    }

    private bool InterruptPending()
    {
        uint status = State.Status;
        bool enabled = (status & StatusIE) != 0 && (status & (StatusEXL | StatusERL)) == 0;
        return enabled && (status & State.Cause & StatusIM) != 0;
    }

    private uint Fetch(uint pc)
    {
        if ((pc & 3) != 0) throw AddressError(pc, store: false);
        return Bus.Read(Translate(pc, AccessKind.Fetch), 4);
    }

    /// <summary>Moves PC/NextPC on after an instruction retires, following the branch-delay rules of Vol. II 2.3.</summary>
    private void Advance(ControlFlow flow)
    {
        var s = State;
        uint delaySlot = s.NextPc;
        switch (flow.Kind)
        {
            case FlowKind.Wait when (s.Cause & s.Status & StatusIM) == 0:
                // Vol. II WAIT: no interrupt requested, so the processor stays in the wait state.
                s.Waiting = true;
                break;
            case FlowKind.Sequential:
            case FlowKind.Wait:
                s.Waiting = false;
                s.Pc = delaySlot;
                s.NextPc = delaySlot + 4;
                s.InDelaySlot = false;
                break;
            case FlowKind.Branch: // taken or not, the delay slot executes next
                s.Pc = delaySlot;
                s.NextPc = flow.Target;
                s.InDelaySlot = true;
                break;
            case FlowKind.NullifyDelaySlot: // branch-likely not taken: the delay slot is skipped
                s.Pc = delaySlot + 4;
                s.NextPc = delaySlot + 8;
                s.InDelaySlot = false;
                break;
            case FlowKind.NoDelaySlotJump: // ERET
                s.JumpTo(flow.Target);
                break;
        }
    }

    private void TickCount()
    {
        if ((State.Cause & CauseDC) != 0) return;
        State.Count++;
        if (State.Count == State.Compare) State.Cause |= CauseTI | CauseIP7;
    }

    /// <summary>General exception processing, Vol. III 6.2.1 (and 6.2.2-6.2.12 for the per-cause registers).</summary>
    private void EnterException(GuestException e)
    {
        var s = State;
        if (e.BadVAddr is uint bad) s.BadVAddr = bad;
        if (e.IsTlb || e.RecordsPage)
        {
            uint vpn2 = e.BadVAddr!.Value & EntryHiVpn2;
            s.Context = (s.Context & ~ContextBadVpn2) | (vpn2 >> 9);
            s.EntryHi = (s.EntryHi & EntryHiAsid) | vpn2;
        }

        s.Cause = (s.Cause & ~CauseExcCode) | ((uint)e.Code << CauseExcCodeShift);
        if (e.Code == ExceptionCode.CoprocessorUnusable)
            s.Cause = (s.Cause & ~CauseCE) | ((uint)e.CoprocessorNumber << CauseCEShift);

        uint offset;
        if ((s.Status & StatusEXL) == 0)
        {
            if (s.InDelaySlot)
            {
                s.EPC = s.Pc - 4;
                s.Cause |= CauseBD;
            }
            else
            {
                // An interrupt that ends a WAIT is taken between the WAIT and the next instruction.
                s.EPC = s.Waiting ? s.Pc + 4 : s.Pc;
                s.Cause &= ~CauseBD;
            }
            offset = e.IsTlbRefill ? 0x000u
                : e.Code == ExceptionCode.Interrupt && (s.Cause & CauseIV) != 0 ? 0x200u
                : 0x180u;
        }
        else
        {
            // Nested exception: EPC and Cause.BD keep the first exception's values, and a TLB refill
            // goes to the general vector (Vol. III 6.2.1, "if StatusEXL = 1 then vectorOffset ← 16#180").
            offset = 0x180;
        }

        s.Status |= StatusEXL;
        uint vectorBase = (s.Status & StatusBEV) != 0 ? 0xBFC0_0200u : s.EBase & 0xFFFF_F000u;
        s.JumpTo(vectorBase + offset);
    }

    private enum FlowKind { Sequential, Branch, NullifyDelaySlot, NoDelaySlotJump, Wait }

    private readonly record struct ControlFlow(FlowKind Kind, uint Target)
    {
        public static readonly ControlFlow Next = new(FlowKind.Sequential, 0);
        public static readonly ControlFlow Waiting = new(FlowKind.Wait, 0);
        public static readonly ControlFlow Nullify = new(FlowKind.NullifyDelaySlot, 0);
        public static ControlFlow BranchTo(uint target) => new(FlowKind.Branch, target);
        public static ControlFlow JumpWithoutDelaySlot(uint target) => new(FlowKind.NoDelaySlotJump, target);
    }
}
