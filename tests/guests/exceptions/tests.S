/* The faulting code of the exceptions program. Each t_<name> is a function (o32, leaf) that raises
   its exception(s) at the global label f_<name>; the C driver prints the EPC relative to that label.
   Kernel-mode tests run from kseg0; user_probe runs in user mode from its kuseg alias (a wired 16 MiB
   TLB mapping of physical 0..32 MiB at virtual 0..32 MiB), so it may use no absolute addresses. */
        .set    noreorder
        .set    noat
        .text

#define TEST(name) .globl t_##name; .ent t_##name; t_##name:
#define FAULT(name) .globl f_##name; f_##name:
#define END(name) .end t_##name

TEST(add_overflow)
        li      $t0, 0x7fffffff
        li      $t1, 1
FAULT(add_overflow)
        add     $t2, $t0, $t1           # Ov: t2 unchanged
        jr      $ra
        move    $v0, $t2
END(add_overflow)

TEST(addi_overflow)
        li      $t0, 0x80000000
        li      $t2, 5
FAULT(addi_overflow)
        addi    $t2, $t0, -1            # Ov
        jr      $ra
        move    $v0, $t2
END(addi_overflow)

TEST(teq)
        li      $t0, 3
        tne     $t0, $t0                # not taken
FAULT(teq)
        teq     $t0, $t0                # Tr
        jr      $ra
        nop
END(teq)

TEST(tgei)
        li      $t0, 10
        tgei    $t0, 100                # not taken
FAULT(tgei)
        tgei    $t0, 5                  # Tr
        jr      $ra
        nop
END(tgei)

TEST(break)
FAULT(break)
        break   7
        jr      $ra
        nop
END(break)

TEST(syscall)
FAULT(syscall)
        syscall 0x1234
        jr      $ra
        nop
END(syscall)

TEST(reserved)
FAULT(reserved)
        .word   0x0000003f              # SPECIAL funct 63 (DSRA32, MIPS64 only): RI on MIPS32
        jr      $ra
        nop
END(reserved)

TEST(reserved_special3)
FAULT(reserved_special3)
        .word   0x7c0000ff              # SPECIAL3 funct 63: reserved
        jr      $ra
        nop
END(reserved_special3)

TEST(cop1)
FAULT(cop1)
        .word   0x44080000              # mfc1 $t0, $f0 with Status.CU1 = 0 (no FPU): CpU, CE = 1
        jr      $ra
        nop
END(cop1)

TEST(load_misaligned)
        move    $v0, $zero
FAULT(load_misaligned)
        lw      $v0, 2($a0)             # AdEL
        jr      $ra
        nop
END(load_misaligned)

TEST(store_misaligned)
FAULT(store_misaligned)
        sh      $zero, 1($a0)           # AdES
        jr      $ra
        nop
END(store_misaligned)

TEST(branch_delay_overflow)
        li      $t0, 0x7fffffff
        move    $v0, $zero
FAULT(branch_delay_overflow)
        beq     $zero, $zero, 1f
        add     $t2, $t0, $t0           # Ov in the delay slot: EPC = the branch, Cause.BD = 1
        li      $v0, 1                  # skipped: the branch is taken
1:      jr      $ra
        addiu   $v0, $v0, 2
END(branch_delay_overflow)

TEST(jr_delay_load)
        la      $t9, 1f
        move    $v0, $zero
FAULT(jr_delay_load)
        jr      $t9
        lw      $v0, 1($a0)             # AdEL in the delay slot of JR
        li      $v0, 1                  # skipped
1:      jr      $ra
        addiu   $v0, $v0, 4
END(jr_delay_load)

/* Branch-likely: the delay slot of an untaken BNEL is nullified (no exception); the delay slot of a
   taken BEQL raises Ov with EPC = the BEQL and BD = 1. */
TEST(branch_likely_overflow)
        li      $t0, 0x7fffffff
        move    $v0, $zero
        bnel    $zero, $zero, 2f
        add     $t2, $t0, $t0           # nullified
FAULT(branch_likely_overflow)
        beql    $zero, $zero, 1f
        add     $t2, $t0, $t0           # Ov in the delay slot
        li      $v0, 1                  # skipped
1:      jr      $ra
        addiu   $v0, $v0, 8
2:      jr      $ra                     # not reached
        li      $v0, 99
END(branch_likely_overflow)

/* A jump to a misaligned address: the fetch raises AdEL with EPC = BadVAddr = the target, BD = 0.
   The handler returns to the caller ($ra). */
TEST(fetch_misaligned)
        la      $t9, f_fetch_misaligned + 2
        jr      $t9
        nop
FAULT(fetch_misaligned)
        jr      $ra
        nop
END(fetch_misaligned)

/* Priority: a misaligned load from an unmapped kseg2 address is an address error, not a TLB refill. */
TEST(misaligned_unmapped)
FAULT(misaligned_unmapped)
        lw      $v0, 2($a0)
        jr      $ra
        nop
END(misaligned_unmapped)

/* a0 = a kseg2 address: refill (TLBL, refill vector), then invalid (TLBL, general vector). */
TEST(tlb_load)
FAULT(tlb_load)
        lw      $v0, 0($a0)
        jr      $ra
        nop
END(tlb_load)

/* a0 = a kseg2 address in an unmapped pair: refill, invalid, then modified (all TLBS / Mod). */
TEST(tlb_store)
FAULT(tlb_store)
        sw      $a1, 0($a0)
        jr      $ra
        nop
END(tlb_store)

/* The odd page of a pair already in the TLB, still invalid: TLB invalid on a store. */
TEST(tlb_store_invalid)
FAULT(tlb_store_invalid)
        sw      $a1, 0($a0)
        jr      $ra
        nop
END(tlb_store_invalid)

/* A TLB refill in a branch delay slot: the whole chain reports EPC = the J and BD = 1. */
TEST(tlb_delay_slot)
        move    $v0, $zero
FAULT(tlb_delay_slot)
        j       1f
        lw      $v0, 0($a0)
        li      $v0, 1                  # skipped
1:      jr      $ra
        nop
END(tlb_delay_slot)

/* LL, then SC with nothing in between (succeeds: 1), and LL, SYSCALL (whose ERET clears LLbit), SC
   (fails: 0); returns the two SC results as v0 = first * 2 + second. */
TEST(llsc_eret)
        ll      $t0, 0($a0)
        addiu   $t0, $t0, 1
        sc      $t0, 0($a0)
        ll      $t1, 0($a0)
        addiu   $t1, $t1, 1
FAULT(llsc_eret)
        syscall
        sc      $t1, 0($a0)
        sll     $v0, $t0, 1
        jr      $ra
        or      $v0, $v0, $t1
END(llsc_eret)

/* A TLB refill while Status.EXL = 1 goes to the general vector (not EBase + 0) and leaves EPC and
   Cause.BD as they were: EPC was set to the resume point 1f beforehand, so ERET continues there. */
TEST(exl_refill)
        la      $t0, 1f
        mtc0    $t0, $14                # EPC
        mfc0    $t1, $12
        ori     $t1, $t1, 2             # EXL
        mtc0    $t1, $12
        ehb
        move    $v0, $zero
FAULT(exl_refill)
        lw      $v0, 0($a0)
        li      $v0, 1                  # skipped: the handler returns to EPC = 1f
1:      jr      $ra
        nop
END(exl_refill)

/* WAIT with interrupts enabled until the timer fires: the interrupt is taken with EPC = the
   instruction after the WAIT. Compare is armed here, as close to the WAIT as possible, a0 Count ticks
   ahead (re-armed if Count already passed it: QEMU's Count follows host time). */
TEST(wait_timer)
        mfc0    $t0, $12
        ori     $t0, $t0, 0x8001        # IM7, IE
        li      $t3, 0x40000000         # Cause.TI
1:      mfc0    $t1, $9
        addu    $t1, $t1, $a0
        mtc0    $t1, $11                # Compare = Count + a0 (clears TI)
        ehb
        mfc0    $t2, $9
        subu    $t2, $t2, $t1
        bgez    $t2, 1b                 # Count already at or past Compare: again
        nop
        mtc0    $t0, $12
        ehb
FAULT(wait_timer)
        wait
        di
        ehb
        mfc0    $t0, $12
        li      $t1, ~0x8000
        and     $t0, $t0, $t1
        mtc0    $t0, $12
        jr      $ra
        ehb
END(wait_timer)

/* Software interrupt 0: IE = 0 while Cause.IP0 is raised, then EI: taken right after EI. */
TEST(soft_interrupt)
        mfc0    $t0, $12
        ori     $t0, $t0, 0x100         # IM0
        mtc0    $t0, $12
        mfc0    $t1, $13
        ori     $t1, $t1, 0x100         # IP0
        mtc0    $t1, $13
        ehb
        ei
FAULT(soft_interrupt)
        nop
        di
        ehb
        mfc0    $t0, $12
        li      $t1, ~0x100
        and     $t0, $t0, $t1
        mtc0    $t0, $12
        jr      $ra
        ehb
END(soft_interrupt)

/* Timer (Compare already armed by the caller) with IE = 0, IM7 = 1: wait for Cause.TI, then EI. */
TEST(timer_interrupt)
        mfc0    $t0, $12
        ori     $t0, $t0, 0x8000        # IM7
        mtc0    $t0, $12
        ehb
        lui     $t2, 0x4000             # Cause.TI
1:      mfc0    $t1, $13
        and     $t1, $t1, $t2
        beqz    $t1, 1b
        nop
        ei
FAULT(timer_interrupt)
        nop
        di
        ehb
        mfc0    $t0, $12
        li      $t1, ~0x8000
        and     $t0, $t0, $t1
        mtc0    $t0, $12
        jr      $ra
        ehb
END(timer_interrupt)

/* Runs in user mode (KSU = 2) from its kuseg alias; a0 = a kseg0 address, a1 = a kseg1 address. */
        .globl  user_probe
        .ent    user_probe
user_probe:
FAULT(user_load_kseg0)
        lw      $t0, 0($a0)             # AdEL: kseg0 from user mode
FAULT(user_store_kseg1)
        sw      $t0, 0($a1)             # AdES
FAULT(user_cp0)
        mfc0    $t0, $12                # CpU, CE = 0
FAULT(user_syscall)
        syscall                         # back to the kernel
        .end    user_probe

/* enter_user(pc, a0, a1): saves the kernel's callee-saved registers, then ERETs to pc in user mode
   with a0/a1 as given. A user SYSCALL comes back through resume_kernel (in C), which makes this
   function return. */
        .globl  enter_user
        .ent    enter_user
enter_user:
        la      $t0, kernel_context
        sw      $s0, 0($t0)
        sw      $s1, 4($t0)
        sw      $s2, 8($t0)
        sw      $s3, 12($t0)
        sw      $s4, 16($t0)
        sw      $s5, 20($t0)
        sw      $s6, 24($t0)
        sw      $s7, 28($t0)
        sw      $s8, 32($t0)
        sw      $sp, 36($t0)
        sw      $ra, 40($t0)
        mtc0    $a0, $14                # EPC
        li      $t1, 0x12               # KSU = user, EXL = 1 (still kernel until ERET)
        mtc0    $t1, $12
        move    $a0, $a1
        move    $a1, $a2
        ehb
        eret
        .end    enter_user

        .bss
        .align  2
        .globl  kernel_context
kernel_context:
        .space  44
