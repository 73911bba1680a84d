# Delay slots, branch-likely nullification, links of BAL/BLTZALL/BGEZALL/JALR, J.
# Expected final registers (all others 0):
#   r2=0000006f r3=00000001 r4=00000005 r6=00000008 r8=ffffffff r9=00000002 r10=00000008
#   r11=00000000 r12=00000008 r14=00000003 r15=00000004 r16=00000005 r17=00000005
#   r18=00000004 r19=00000001 r20=00000001
        .set    noreorder
        .set    noat
        .text
        .globl  _start
_start:
        .include "common/start.inc"
        li      $3, 1
        beql    $2, $3, 1f              # not taken: the delay slot is nullified
        addiu   $2, $2, 100
        addiu   $2, $2, 1               # $2 = 1
1:      beql    $3, $3, 2f              # taken: the delay slot runs
        addiu   $2, $2, 10              # $2 = 11
        addiu   $2, $2, 1000            # skipped
2:      beq     $0, $3, 3f              # not taken: the delay slot still runs
        addiu   $2, $2, 100             # $2 = 111 = 0x6f
3:      bal     4f
        addiu   $4, $0, 5               # delay slot of BAL
        addiu   $4, $0, 99              # skipped
4:      la      $7, 3b
        subu    $6, $31, $7             # link = BAL + 8
        li      $8, -1
5:      bltzall $8, 6f                  # taken
        addiu   $9, $0, 2
6:      la      $7, 5b
        subu    $10, $31, $7
7:      bgezall $8, 8f                  # not taken: slot nullified, link still written
        addiu   $11, $0, 9
8:      la      $7, 7b
        subu    $12, $31, $7
        la      $13, func
        jalr    $13
        addiu   $14, $0, 3              # delay slot of JALR
        li      $17, 5
9:      addiu   $16, $16, 1
        bnel    $16, $17, 9b            # taken 4 times; the slot runs only then
        addiu   $18, $18, 1
        j       10f
        addiu   $19, $0, 1
        addiu   $19, $0, 99             # skipped
10:     blez    $20, 11f                # taken ($20 = 0)
        nop
        addiu   $20, $0, 99             # skipped
11:     bgtz    $0, 12f                 # not taken
        addiu   $20, $20, 1             # slot runs: $20 = 1
12:     move    $7, $0
        move    $13, $0
        move    $31, $0
        b       end_of_test
        nop
func:   jr      $31
        addiu   $15, $0, 4              # delay slot of JR
        .include "common/end.inc"
