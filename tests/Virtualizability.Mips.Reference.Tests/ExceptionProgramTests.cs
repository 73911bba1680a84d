namespace Virtualizability.Mips.Reference.Tests;

/// <summary>Exceptions, user mode, the TLB and the timer, from assembled programs (Vol. III chapters 4 and 6).</summary>
public class ExceptionProgramTests
{
    /// <summary>
    /// A general-exception handler that appends (Cause, EPC, BadVAddr) to the log at $s6, then resumes after the
    /// faulting instruction; a Breakpoint ends the run instead.
    /// </summary>
    private const string LoggingHandler = """
        mfc0 $k0, $13
        sw $k0, 0($s6)
        mfc0 $k1, $14
        sw $k1, 4($s6)
        mfc0 $k1, $8
        sw $k1, 8($s6)
        addiu $s6, $s6, 12
        andi $k0, $k0, 0x7C
        li $k1, 0x24
        beq $k0, $k1, halt
        nop
        mfc0 $k0, $14
        addiu $k0, $k0, 4
        mtc0 $k0, $14
        ehb
        eret
        """;

    /// <summary>
    /// Kernel prologue that maps user virtual 0x0000..0x1FFF to physical 0x0000..0x1FFF (TLB entry 0, global)
    /// and ERETs to user code at 0x1000 with KSU = user.
    /// </summary>
    private const string EnterUserModeAt0x1000 = """
        mtc0 $zero, $12
        la $s6, log
        mtc0 $zero, $0
        mtc0 $zero, $10
        mtc0 $zero, $5
        li $t0, 0x17
        mtc0 $t0, $2
        li $t0, 0x57
        mtc0 $t0, $3
        tlbwi
        li $t0, 0x12
        mtc0 $t0, $12
        li $t0, 0x1000
        mtc0 $t0, $14
        ehb
        eret
        """;

    private static (uint Cause, uint Epc, uint BadVAddr) LogEntry(TestProgram p, int index)
    {
        uint address = p.Image.Symbol("log") + (uint)(12 * index);
        return (p.Word(address), p.Word(address + 4), p.Word(address + 8));
    }

    private static uint ExcCode(uint cause) => (cause >> 2) & 0x1F;

    [Fact]
    public void Tlb_refill_sets_badvaddr_context_entryhi_and_epc_and_the_refilled_access_then_succeeds()
    {
        var p = TestProgram.Build("""
            mtc0 $zero, $12
            li $t0, 0xFFFFFFFF
            mtc0 $t0, $4
            li $t0, 5
            mtc0 $t0, $10
            li $t5, 0x80201ABC
            li $t6, 0xCAFEF00D
            sw $t6, 0($t5)
            li $t0, 0x00403ABC
            faulting:
            lw $t1, 0($t0)
            move $s0, $t1
            """, refill: """
            mfc0 $s1, $8
            mfc0 $s2, $4
            mfc0 $s3, $10
            mfc0 $s4, $14
            mfc0 $s5, $13
            li $k0, 0x8017
            mtc0 $k0, $2
            li $k0, 0x8057
            mtc0 $k0, $3
            tlbwr
            eret
            """).RunToHalt();
        Assert.Equal([ExceptionCode.TlbLoad], p.Exceptions);
        Assert.Equal(0x0040_3ABCu, p.Reg("s1"));
        Assert.Equal(0xFF80_2010u, p.Reg("s2"));  // PTEBase | BadVPN2 = VA[31:13] << 4
        Assert.Equal(0x0040_2005u, p.Reg("s3"));  // VPN2 of the address, ASID kept
        Assert.Equal(p.Image.Symbol("faulting"), p.Reg("s4"));
        Assert.Equal(2u, ExcCode(p.Reg("s5")));
        Assert.Equal(0xCAFE_F00Du, p.Reg("s0")); // odd page → EntryLo1 → physical 0x201ABC
        Assert.Equal(new TlbEntry(0x0040_2005, 0, 0x8017, 0x8057), p.State.Tlb[15]);
        Assert.Equal(14u, p.State.Random);
    }

    [Fact]
    public void Invalid_and_clean_pages_raise_tlb_invalid_and_tlb_modified_through_the_general_vector()
    {
        var p = TestProgram.Build("""
            mtc0 $zero, $12
            la $s6, log
            li $t0, 0x00600000
            mtc0 $t0, $10
            li $t0, 0x8010
            mtc0 $t0, $2
            li $t0, 0x8053
            mtc0 $t0, $3
            tlbwi
            li $t1, 0x00600010
            load:
            lw $t2, 0($t1)
            li $t1, 0x00601020
            store:
            sw $t2, 0($t1)
            lw $s0, 0($t1)
            mfc0 $s1, $10
            break
            """, general: LoggingHandler, data: "log: .space 64").RunToHalt();
        Assert.Equal([ExceptionCode.TlbLoad, ExceptionCode.TlbModified, ExceptionCode.Breakpoint], p.Exceptions);
        var invalid = LogEntry(p, 0);
        Assert.Equal((2u, p.Image.Symbol("load"), 0x0060_0010u), (ExcCode(invalid.Cause), invalid.Epc, invalid.BadVAddr));
        var modified = LogEntry(p, 1);
        Assert.Equal((1u, p.Image.Symbol("store"), 0x0060_1020u), (ExcCode(modified.Cause), modified.Epc, modified.BadVAddr));
        Assert.Equal(0x0060_0000u, p.Reg("s1"));  // EntryHi.VPN2 reloaded by the TLB exceptions
        Assert.DoesNotContain(p.Steps, s => s.Pc == 0x8000_0000u); // never the refill vector
    }

    [Fact]
    public void User_mode_syscall_sets_epc_cause_and_exl_and_keeps_ksu()
    {
        var p = TestProgram.Build(EnterUserModeAt0x1000, general: """
            mfc0 $s0, $13
            mfc0 $s1, $14
            mfc0 $s2, $12
            b halt
            nop
            """, data: "log: .space 64", tail: """
            .org 0x1000
            li $v0, 42
            syscall
            """).RunToHalt();
        Assert.Equal([ExceptionCode.Syscall], p.Exceptions);
        Assert.Equal(8u, ExcCode(p.Reg("s0")));
        Assert.Equal(0u, p.Reg("s0") >> 31);        // not in a delay slot
        Assert.Equal(0x1004u, p.Reg("s1"));
        Assert.Equal(0x12u, p.Reg("s2") & 0x1F);     // KSU = user, EXL = 1
        Assert.Equal(42u, p.Reg("v0"));
    }

    [Fact]
    public void User_mode_traps_address_errors_on_kseg0_cp0_use_and_eret_clears_the_link_bit()
    {
        var p = TestProgram.Build(EnterUserModeAt0x1000, general: LoggingHandler, data: "log: .space 128", tail: """
            .org 0x1000
            ll $t0, 0x1F00($zero)
            syscall
            sc $t0, 0x1F00($zero)
            move $s0, $t0
            lui $t1, 0x8000
            kseg0load:
            lw $t2, 4($t1)
            cp0read:
            mfc0 $t3, $12
            rdhwr $t4, $29
            break
            """).RunToHalt();
        Assert.Equal(
            [ExceptionCode.Syscall, ExceptionCode.AddressErrorLoad, ExceptionCode.CoprocessorUnusable,
             ExceptionCode.ReservedInstruction, ExceptionCode.Breakpoint],
            p.Exceptions);
        Assert.Equal(0u, p.Reg("s0")); // the ERET between LL and SC broke the link
        var addressError = LogEntry(p, 1);
        Assert.Equal((4u, 0x8000_0004u), (ExcCode(addressError.Cause), addressError.BadVAddr));
        var unusable = LogEntry(p, 2);
        Assert.Equal((11u, 0u), (ExcCode(unusable.Cause), (unusable.Cause >> 28) & 3));
        Assert.Equal(10u, ExcCode(LogEntry(p, 3).Cause)); // RDHWR $29 while HWREna bit 29 is clear
    }

    [Fact]
    public void An_exception_in_a_delay_slot_points_epc_at_the_branch_and_sets_bd()
    {
        var p = TestProgram.Build(EnterUserModeAt0x1000, general: """
            mfc0 $s0, $13
            mfc0 $s1, $14
            b halt
            nop
            """, data: "log: .space 64", tail: """
            .org 0x1000
            lui $t1, 0x8000
            beq $zero, $zero, 1f
            lw $t2, 0($t1)
            1:
            break
            """).RunToHalt();
        Assert.Equal([ExceptionCode.AddressErrorLoad], p.Exceptions);
        Assert.Equal(1u, p.Reg("s0") >> 31);
        Assert.Equal(0x1004u, p.Reg("s1"));
    }

    [Fact]
    public void Timer_interrupt_is_taken_once_count_reaches_compare_and_writing_compare_clears_it()
    {
        var p = TestProgram.Build("""
            mtc0 $zero, $12
            mtc0 $zero, $9
            li $t0, 20
            mtc0 $t0, $11
            li $t1, 0x8001
            mtc0 $t1, $12
            spin:
            b spin
            addiu $s0, $s0, 1
            """, general: """
            mfc0 $s1, $13
            mfc0 $s2, $9
            mtc0 $zero, $11
            mfc0 $s3, $13
            b halt
            nop
            """).RunToHalt();
        Assert.Equal([ExceptionCode.Interrupt], p.Exceptions);
        Assert.Equal(0u, ExcCode(p.Reg("s1")));
        Assert.Equal(0x4000_8000u, p.Reg("s1") & 0x4000_FF00u); // TI and IP7
        // Count was 20 when the interrupt was taken; the exception step does not tick, the first MFC0 does.
        Assert.Equal(21u, p.Reg("s2"));
        Assert.Equal(0u, p.Reg("s3") & 0x4000_8000u);
    }

    [Fact]
    public void Coprocessor_1_and_2_instructions_are_unusable_with_the_coprocessor_in_cause_ce()
    {
        var p = TestProgram.Build("""
            mtc0 $zero, $12
            la $s6, log
            mfc1 $t0, $f0
            lwc1 $f2, 0($zero)
            .word 0x48080000
            break
            """, general: LoggingHandler, data: "log: .space 64").RunToHalt();
        Assert.Equal([ExceptionCode.CoprocessorUnusable, ExceptionCode.CoprocessorUnusable,
            ExceptionCode.CoprocessorUnusable, ExceptionCode.Breakpoint], p.Exceptions);
        Assert.Equal([1u, 1u, 2u], Enumerable.Range(0, 3).Select(i => (LogEntry(p, i).Cause >> 28) & 3));
    }
}
