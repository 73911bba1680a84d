# A user-mode task through the TLB, with a tiny refill handler that loads the EntryLo pair from
# a page table addressed by CP0 Context (PTEBase = 0x80800000, 16 bytes per VPN2; needs RAM up to
# physical 0x00803000). ASID 5.
#   VA 0x00400000 (even page of VPN2 0x200) -> the user code page, D=1 V=1
#   VA 0x00401000 (odd page of VPN2 0x200)  -> the user data page, D=1 V=1
#   VA 0x00402000 (even page of VPN2 0x201) -> the second data page, V=1
#   VA 0x00403000 (odd page of VPN2 0x201)  -> invalid (V=0)
# The user task: fetch refill (1), load/increment/store its data word, load from VA 0x00402000
# (refill 2), load from 0x00403000 (TLB invalid, TLBL, skipped), load from kseg0 0x80000000
# (address error AdEL in user mode, skipped), SYSCALL (back to the kernel in kernel mode).
# $20 counts refills; $21 collects the general exceptions' ExcCodes (5 bits each).
# Expected final registers (all others 0):
#   r2=00001235 r3=00005678 r4=00000000 r19=80000000 r20=00000002 r21=00000888
#   r22=00001235 r23=00000000 r24=0000001e r25=80c00000
# (r25 = Context: the last exception that wrote it is the user-mode address error at 0x80000000,
# which records BadVPN2 like a TLB exception; a misaligned address would not.)
        .set    noreorder
        .set    noat
        .text
        .globl  _start
_start:
        .include "common/start.inc"
        la      $8, ebase
        mtc0    $8, $15, 1              # EBase
        mtc0    $0, $12                 # Status: BEV = 0, kernel mode, interrupts off
        mtc0    $0, $5                  # PageMask: 4 KiB
        mtc0    $0, $6                  # Wired = 0 (Random = 15)
        mtc0    $0, $2                  # EntryLo0
        mtc0    $0, $3                  # EntryLo1
        # Invalidate the TLB with distinct kseg0 VPN2s (they never match a mapped address).
        li      $9, 0
        lui     $10, 0x8000
1:      mtc0    $9, $0                  # Index
        mtc0    $10, $10                # EntryHi
        ehb
        tlbwi
        addiu   $9, $9, 1
        sltiu   $11, $9, 16
        bnez    $11, 1b
        addiu   $10, $10, 0x2000
        # Page table entries (EntryLo = PA >> 6 | C=3 (0x18) | D (4) | V (2)).
        lui     $12, 0x8080
        mtc0    $12, $4                 # Context.PTEBase = 0x80800000
        la      $13, user_code
        sll     $13, $13, 3             # drop the kseg0 bits 31..29
        srl     $13, $13, 9             # PA >> 6
        ori     $13, $13, 0x1e
        sw      $13, 0x2000($12)        # VPN2 0x200 even: code
        la      $13, user_data
        sll     $13, $13, 3
        srl     $13, $13, 9
        ori     $13, $13, 0x1e
        sw      $13, 0x2004($12)        # VPN2 0x200 odd: data
        la      $13, user_data2
        sll     $13, $13, 3
        srl     $13, $13, 9
        ori     $13, $13, 0x1e
        sw      $13, 0x2010($12)        # VPN2 0x201 even: second data page
        sw      $0, 0x2014($12)         # VPN2 0x201 odd: invalid
        la      $13, user_data
        li      $14, 0x1234
        sw      $14, 0($13)
        la      $13, user_data2
        li      $14, 0x5678
        sw      $14, 0($13)
        # Enter the user task: ASID 5, EPC = 0x00400000, Status.UM = 1 with EXL = 1 for the ERET.
        li      $14, 5
        mtc0    $14, $10                # EntryHi
        lui     $14, 0x0040
        mtc0    $14, $14                # EPC
        li      $14, 0x12               # UM | EXL
        mtc0    $14, $12
        ehb
        eret

back_in_kernel:
        la      $13, user_data
        lw      $22, 0($13)             # the user's increment is visible through kseg0
        lui     $14, 0x0040
        ori     $14, $14, 5
        mtc0    $14, $10                # EntryHi = VPN2 0x200, ASID 5
        ehb
        tlbp
        ehb
        mfc0    $23, $0
        srl     $23, $23, 31            # Index.P = 0: found
        tlbr
        ehb
        mfc0    $24, $2
        andi    $24, $24, 0x3f          # EntryLo0 flags of the code page: C=3 D V
        mfc0    $25, $4                 # Context of the last TLB exception (VA 0x00403000)
        mfc0    $19, $8                 # BadVAddr of the last address error
        .irp    r,8,9,10,11,12,13,14
        move    $\r, $0
        .endr
        b       end_of_test
        nop

        .align  12
ebase:                                  # TLB refill (EXL = 0): EntryLo pair from Context
        mfc0    $26, $4
        lw      $27, 0($26)
        lw      $26, 4($26)
        mtc0    $27, $2
        mtc0    $26, $3
        addiu   $20, $20, 1
        ehb
        tlbwr
        eret
        .org    ebase + 0x180           # general exceptions
        mfc0    $26, $13
        srl     $26, $26, 2
        andi    $26, $26, 0x1f
        sll     $21, $21, 5
        or      $21, $21, $26
        li      $27, 8
        beq     $26, $27, 1f
        nop
        mfc0    $26, $14                # any other exception: skip the instruction
        addiu   $26, $26, 4
        mtc0    $26, $14
        ehb
        eret
1:      la      $26, back_in_kernel     # SYSCALL: end of the user task
        mtc0    $26, $14
        mfc0    $26, $12
        li      $27, ~0x10
        and     $26, $26, $27           # Status.UM = 0
        mtc0    $26, $12
        ehb
        eret

        .align  12
user_code:                              # runs at VA 0x00400000; position independent
        lui     $8, 0x0040
        lw      $2, 0x1000($8)
        addiu   $2, $2, 1
        sw      $2, 0x1000($8)
        lw      $3, 0x2000($8)
        lw      $4, 0x3000($8)          # TLB invalid: skipped, $4 stays 0
        lui     $9, 0x8000
        lw      $4, 0($9)               # kseg0 from user mode: address error, skipped
        syscall
        .align  12
user_data:
        .word   0
        .align  12
user_data2:
        .word   0
        .align  12
        .include "common/end.inc"
