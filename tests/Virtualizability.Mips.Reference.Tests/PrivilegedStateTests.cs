using static Virtualizability.Mips.Reference.Cp0Bits;

namespace Virtualizability.Mips.Reference.Tests;

/// <summary>Exception vectors, mode rules and CP0 write masks, each from a prepared state (Vol. III chapters 4, 6 and 9).</summary>
public class PrivilegedStateTests
{
    private static MipsState Kernel(uint status = 0)
    {
        var state = MipsState.AfterKernelLoad(Snippet.Address);
        state.Status = status;
        return state;
    }

    [Fact]
    public void Interrupt_with_cause_iv_uses_ebase_plus_0x200_and_is_checked_before_the_instruction()
    {
        var state = Kernel(StatusIE | (1u << 10)); // IM2
        state.EBase = 0x8004_0000;
        state.Cause = CauseIV;
        var snippet = Snippet.Assemble("addiu $t0, $zero, 1", state);
        snippet.Interpreter.SetInterruptLine(2, true);
        var result = snippet.Step();
        Assert.Equal(ExceptionCode.Interrupt, result.Exception);
        Assert.Equal(0x8004_0200u, state.Pc);
        Assert.Equal(Snippet.Address, state.EPC);
        Assert.Equal(0u, state.Gpr[8]);
        Assert.Equal(1u << 10, state.Cause & CauseIP);
    }

    [Fact]
    public void With_bev_set_the_vectors_are_in_the_boot_rom_region()
    {
        var general = Snippet.Assemble("syscall", Kernel(StatusBEV));
        general.Step();
        Assert.Equal(0xBFC0_0380u, general.State.Pc);

        var refill = Snippet.Assemble("lw $t0, 0($zero)", Kernel(StatusBEV));
        refill.State.EntryHi = 7; // the zeroed TLB entries have ASID 0 and do not match
        refill.Step();
        Assert.Equal(0xBFC0_0200u, refill.State.Pc);
    }

    [Fact]
    public void A_refill_while_exl_is_set_uses_the_general_vector_and_keeps_epc_and_bd()
    {
        var state = Kernel(StatusEXL);
        state.EPC = 0x1234_5678;
        state.Cause = CauseBD;
        state.EntryHi = 7;
        var snippet = Snippet.Assemble("lw $t0, 0x4010($zero)", state);
        snippet.Step();
        Assert.Equal(0x8000_0180u, state.Pc);
        Assert.Equal(0x1234_5678u, state.EPC);
        Assert.Equal(CauseBD, state.Cause & CauseBD);
        Assert.Equal(0x4010u, state.BadVAddr);          // the address registers are still loaded
        Assert.Equal(0x4007u, state.EntryHi);
    }

    [Fact]
    public void Erl_makes_kuseg_unmapped_and_eret_returns_to_errorepc_clearing_erl_first()
    {
        var state = Kernel(StatusERL | StatusEXL);
        state.ErrorEPC = 0x8000_2000;
        state.EPC = 0x8000_3000;
        var snippet = Snippet.Assemble("lw $t0, 0x1000($zero)\neret", state);
        snippet.Step();
        Assert.Equal(0x8C08_1000u, state.Gpr[8]); // the word at physical 0x1000 is this LW itself
        snippet.Step();
        Assert.Equal(0x8000_2000u, state.Pc);
        Assert.Equal(StatusEXL, state.Status & (StatusEXL | StatusERL));
        Assert.False(state.InDelaySlot);
    }

    [Fact]
    public void User_mode_may_not_fetch_from_kseg0()
    {
        var state = Kernel(StatusUM); // user mode, running from kseg0 until the fetch faults
        var snippet = Snippet.Assemble("nop", state);
        snippet.Step();
        Assert.Equal(ExceptionCode.AddressErrorLoad, (ExceptionCode)((state.Cause >> 2) & 0x1F));
        Assert.Equal(Snippet.Address, state.BadVAddr);
    }

    [Fact]
    public void Mtc0_respects_the_writable_masks_and_side_effects()
    {
        var snippet = Snippet.Assemble("""
            mtc0 $t0, $12
            mtc0 $t0, $13
            mtc0 $t0, $10
            mtc0 $t0, $5
            mtc0 $t0, $15, 1
            mtc0 $t0, $6
            mtc0 $t0, $1
            mtc0 $t0, $15
            mtc0 $t0, $0
            """, Kernel());
        snippet.State.Gpr[8] = 0xFFFF_FFFF;
        snippet.State.Random = 3;
        snippet.Steps(9);
        var s = snippet.State;
        Assert.Equal(0x1040_FF17u, s.Status); // no RE, no supervisor bit; TS, SR, NMI cannot be set
        Assert.Equal(0x0880_0300u, s.Cause);  // no WP without watch registers
        Assert.Equal(0xFFFF_E0FFu, s.EntryHi);
        Assert.Equal(0x1FFF_E000u, s.PageMask);
        Assert.Equal(0xBFFF_F000u, s.EBase);
        Assert.Equal(15u, s.Wired);
        Assert.Equal(15u, s.Random); // writing Wired resets Random; writing Random does nothing
        Assert.Equal(0u, s.Index);   // 0xFFFFFFFF is beyond the TLB: ignored
    }

    [Fact]
    public void Tlbwi_tlbp_and_tlbr_round_trip_an_entry_and_tlbp_sets_p_on_a_miss()
    {
        var snippet = Snippet.Assemble("""
            tlbwi
            tlbp
            mfc0 $s0, $0
            mtc0 $zero, $2
            mtc0 $zero, $3
            tlbr
            mtc0 $t1, $10
            tlbp
            mfc0 $s1, $0
            """, Kernel());
        var s = snippet.State;
        s.Index = 9;
        s.EntryHi = 0x0076_6003;      // VPN2 0x00766000, ASID 3
        s.PageMask = 0x6000;          // 16 KiB pages
        s.EntryLo0 = 0x0000_1017;     // G set in only one half: the entry is not global
        s.EntryLo1 = 0x0000_1116;
        s.Gpr[9] = 0x0076_6004;       // same VPN2, other ASID
        snippet.Steps(9);
        Assert.Equal(new TlbEntry(0x0076_6003, 0x6000, 0x1016, 0x1116), s.Tlb[9]);
        Assert.Equal(9u, s.Gpr[16]);
        Assert.Equal((0x1016u, 0x1116u), (s.EntryLo0, s.EntryLo1));
        Assert.Equal(IndexProbeFailure | 9u, s.Gpr[17]);
    }

    [Fact]
    public void Rdhwr_is_allowed_in_user_mode_only_for_registers_enabled_in_hwrena()
    {
        var state = Kernel(0x10); // user mode
        state.HWREna = 1u << 29;
        state.UserLocal = 0xABCD;
        state.Tlb[0] = new TlbEntry(0, 0, 0x17, 0x57); // user 0x0000..0x1FFF → physical 0x0000..0x1FFF
        var snippet = Snippet.Assemble("rdhwr $t0, $29\nrdhwr $t1, $2", state);
        state.JumpTo(0x1000);
        Assert.Equal(StepKind.Retired, snippet.Step().Kind);
        Assert.Equal(0xABCDu, state.Gpr[8]);
        Assert.Equal(ExceptionCode.ReservedInstruction, snippet.Step().Exception);
    }

    [Fact]
    public void Di_and_ei_return_the_old_status_and_change_only_ie()
    {
        var snippet = Snippet.Assemble("ei $t0\ndi $t1", Kernel(0x0000_FF00));
        snippet.Steps(2);
        Assert.Equal(0x0000_FF00u, snippet.State.Gpr[8]);
        Assert.Equal(0x0000_FF01u, snippet.State.Gpr[9]);
        Assert.Equal(0x0000_FF00u, snippet.State.Status);
    }

    [Fact]
    public void Count_stops_while_cause_dc_is_set()
    {
        var state = Kernel();
        state.Cause = CauseDC;
        state.Count = 100;
        Snippet.Assemble("nop\nnop", state).Steps(2);
        Assert.Equal(100u, state.Count);
    }
}
