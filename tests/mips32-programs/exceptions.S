# Exceptions that skip the faulting instruction: integer overflow (ADD, rd not written), TEQ
# trap, reserved instruction (opcode 0x3b), coprocessor 1 unusable (LWC1, Cause.CE = 1),
# misaligned load (AdEL) and misaligned store (AdES). The handler (EBase + 0x180) appends each
# ExcCode to $21 (5 bits each), counts in $20, keeps Cause.CE of the CpU in $22, and resumes at
# EPC + 4.
# Expected final registers (all others 0):
#   r2=7fffffff r3=00000001 r4=0000004d r20=00000006 r21=18d52c85 r22=00000001 r23=00000001
        .set    noreorder
        .set    noat
        .text
        .globl  _start
_start:
        .include "common/start.inc"
        la      $8, ebase
        mtc0    $8, $15, 1              # EBase
        mtc0    $0, $12                 # Status: BEV = 0, kernel mode
        ehb
        li      $2, 0x7fffffff
        li      $3, 1
        li      $4, 77
        add     $4, $2, $3              # overflow: $4 keeps 77
        teq     $0, $0                  # trap
        .word   0xec000000              # reserved opcode 0x3b
        lwc1    $f0, 0($0)              # no FPU: coprocessor unusable, CE = 1
        lw      $5, 2($0)               # misaligned: AdEL
        sw      $5, 1($0)               # misaligned: AdES
        mfc0    $23, $8                 # BadVAddr of the AdES
        move    $8, $0
        b       end_of_test
        nop

        .align  12
ebase:  b       ebase
        nop
        .org    ebase + 0x180
        mfc0    $26, $13
        srl     $27, $26, 2
        andi    $27, $27, 0x1f
        sll     $21, $21, 5
        or      $21, $21, $27
        addiu   $20, $20, 1
        li      $27, 11
        srl     $26, $26, 2
        andi    $26, $26, 0x1f
        bne     $26, $27, 1f
        mfc0    $26, $13
        srl     $22, $26, 28
        andi    $22, $22, 3             # Cause.CE
1:      mfc0    $26, $14
        addiu   $26, $26, 4
        mtc0    $26, $14
        ehb
        eret
        .include "common/end.inc"
