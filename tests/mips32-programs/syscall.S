# SYSCALL and BREAK round trips through the general exception vector (EBase + 0x180) with ERET,
# including a SYSCALL in the delay slot of a JR (EPC = the JR, Cause.BD = 1).
# The handler appends each ExcCode to $21 (5 bits each) and each Cause.BD to $22, counts in $20,
# copies Status.EXL into $25, and resumes after the instruction (EPC + 4), or at the jump target
# held in $12 when BD is set (remembering that EPC in $24).
# Expected final registers (all others 0):
#   r2=0000006e r19=00000000 r20=00000003 r21=00002109 r22=00000002 r24=00000000 r25=00000002
        .set    noreorder
        .set    noat
        .text
        .globl  _start
_start:
        .include "common/start.inc"
        la      $8, ebase
        mtc0    $8, $15, 1              # EBase
        mfc0    $9, $12
        li      $10, ~0x00400000
        and     $9, $9, $10             # clear Status.BEV: vectors at EBase
        mtc0    $9, $12
        ehb
        syscall
        addiu   $2, $2, 10
        la      $12, target
        la      $13, jump
jump:   jr      $12
        syscall                         # in the delay slot
        addiu   $2, $2, 1000            # skipped
target: addiu   $2, $2, 100
        break
        mfc0    $19, $12
        andi    $19, $19, 2             # EXL is clear again after ERET
        subu    $24, $24, $13           # EPC of the delay-slot exception - address of the JR
        move    $8, $0
        move    $9, $0
        move    $10, $0
        move    $12, $0
        move    $13, $0
        b       end_of_test
        nop

        .align  12
ebase:                                  # refill vector (unused here)
        b       ebase
        nop
        .org    ebase + 0x180
        mfc0    $26, $13                # Cause
        srl     $27, $26, 2
        andi    $27, $27, 0x1f
        sll     $21, $21, 5
        or      $21, $21, $27
        srl     $27, $26, 31            # BD
        sll     $22, $22, 1
        or      $22, $22, $27
        addiu   $20, $20, 1
        mfc0    $25, $12
        andi    $25, $25, 2
        beqz    $27, 1f
        mfc0    $26, $14                # EPC
        move    $24, $26
        b       2f
        move    $26, $12                # resume at the jump target
1:      addiu   $26, $26, 4
2:      mtc0    $26, $14
        ehb
        eret
        .include "common/end.inc"
