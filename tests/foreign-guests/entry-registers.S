# The registers QEMU's Malta -kernel boot code hands a kernel, printed by a program with no C runtime and no
# stack of its own. k0 is the only register it cannot keep (it holds the save area's address); Random, Count and
# Cause are left out (timing: Cause.IP2 follows the PIIX4 timer through the 8259s on QEMU).
    .set noreorder
    .set noat
    .text
    .globl _start
_start:
    lui   $k0, %hi(saved)
    addiu $k0, $k0, %lo(saved)
    .irp r,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,27,28,29,30,31
    sw    $\r, (\r*4)($k0)
    .endr
    .set at
    move  $s7, $k0
    li    $s0, 1
1:  li    $t0, 26
    beq   $s0, $t0, 2f
    sll   $t0, $s0, 2
    addu  $t0, $s7, $t0
    lw    $a0, 0($t0)
    move  $a1, $s0
    bal   show
    nop
2:  addiu $s0, $s0, 1
    slti  $t0, $s0, 32
    bnez  $t0, 1b
    nop
    mfc0 $a0, $12, 0; li $a1, 112; bal show; nop    # Status
    mfc0 $a0, $15, 0; li $a1, 115; bal show; nop    # PRId
    mfc0 $a0, $15, 1; li $a1, 151; bal show; nop    # EBase
    mfc0 $a0, $16, 0; li $a1, 160; bal show; nop    # Config0
    mfc0 $a0, $16, 1; li $a1, 161; bal show; nop    # Config1
    mfc0 $a0, $16, 2; li $a1, 162; bal show; nop    # Config2
    mfc0 $a0, $10, 0; li $a1, 110; bal show; nop    # EntryHi
    mfc0 $a0, $14, 0; li $a1, 114; bal show; nop    # EPC
    mfc0 $a0, $30, 0; li $a1, 130; bal show; nop    # ErrorEPC
    li    $t0, 0xbf000500
    li    $t1, 0x42
    sw    $t1, 0($t0)
3:  b     3b
    nop

# show: prints "<a1 in decimal> <a0 in hex>\n" on the 16550, polling THRE.
show:
    move  $t7, $ra
    li    $t5, 0xb80003f8
    li    $t1, 100
    divu  $zero, $a1, $t1
    mflo  $a2
    bal   digit
    mfhi  $t3
    li    $t1, 10
    divu  $zero, $t3, $t1
    mflo  $a2
    bal   digit
    mfhi  $t3
    move  $a2, $t3
    bal   digit
    nop
    li    $a2, ' '
    bal   byte
    nop
    li    $t4, 28
4:  srlv  $a2, $a0, $t4
    andi  $a2, $a2, 15
    slti  $t3, $a2, 10
    bnez  $t3, 5f
    addiu $a2, $a2, '0'
    addiu $a2, $a2, 'a' - '0' - 10
5:  bal   byte
    addiu $t4, $t4, -4
    bgez  $t4, 4b
    nop
    li    $a2, '\n'
    bal   byte
    nop
    jr    $t7
    nop
digit:
    addiu $a2, $a2, '0'
byte:
    lbu   $t6, 5($t5)
    andi  $t6, $t6, 0x20
    beqz  $t6, byte
    nop
    jr    $ra
    sb    $a2, 0($t5)

    .data
    .align 2
saved: .space 128
