# No C runtime, no stack, no data: a string printed from the code itself, linked at the very bottom of kseg0
# (physical 0, where a kernel's exception vectors go).
    .set noreorder
    .text
    .globl _start
_start:
    lui   $t5, 0xb800
    ori   $t5, $t5, 0x03f8
    bal   1f
    nop
    .asciz "hello from physical 0\n"
    .align 2
1:  lbu   $t0, 0($ra)
    beqz  $t0, 2f
    addiu $ra, $ra, 1
3:  lbu   $t1, 5($t5)
    andi  $t1, $t1, 0x20
    beqz  $t1, 3b
    nop
    b     1b
    sb    $t0, 0($t5)
2:  lui   $t0, 0xbf00
    li    $t1, 0x42
    sw    $t1, 0x500($t0)
4:  b     4b
    nop
