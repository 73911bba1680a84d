/* asid-wrap: start-up (stack, EBase, kernel mode with CU0), exception vectors at EBase (0x180 and the vectored
   offsets) saving the caller-saved registers and calling on_exception() (the user routine is in main.c). */
        .set noreorder
        .set noat
        .section .text.boot, "ax"
        .globl _start
_start:
        la      $sp, stack_top
        la      $t0, vec0
        mtc0    $t0, $15, 1
        mtc0    $zero, $13
        li      $t0, 0x10000000
        mtc0    $t0, $12
        ehb
        jal     main
        nop
        li      $t0, 0x42
        lui     $t1, 0xbf00
        sw      $t0, 0x500($t1)
1:      b 1b
        nop

/* Exception vectors at EBase (relocatable: two copies). Every exception: record (Cause, EPC, BadVAddr,
   Status) in a log via C, which returns the new EPC in v0 (0: keep). */
        .macro VECTORS tag
        .align 12
vec\tag:
        j       common
        li      $k1, 0x\tag\()0
        .org    vec\tag + 0x180
        j       common
        li      $k1, 0x\tag\()1
        .org    vec\tag + 0x200
        j       common
        li      $k1, 0x\tag\()2
        .org    vec\tag + 0x220
        j       common
        li      $k1, 0x\tag\()31
        .org    vec\tag + 0x240
        j       common
        li      $k1, 0x\tag\()32
        .org    vec\tag + 0x260
        j       common
        li      $k1, 0x\tag\()33
        .org    vec\tag + 0x280
        j       common
        li      $k1, 0x\tag\()34
        .org    vec\tag + 0x2a0
        j       common
        li      $k1, 0x\tag\()35
        .org    vec\tag + 0x2c0
        j       common
        li      $k1, 0x\tag\()36
        .org    vec\tag + 0x2e0
        j       common
        li      $k1, 0x\tag\()37
        .org    vec\tag + 0x300
        j       common
        li      $k1, 0x\tag\()38
        .org    vec\tag + 0x320
        j       common
        li      $k1, 0x\tag\()39
        .endm
        .section .vec, "ax"
        .globl vec0, vec1
        VECTORS 0
        VECTORS 1

        .text
common:
        la      $k0, saved
        sw      $at, 0($k0)
        sw      $v0, 4($k0)
        sw      $v1, 8($k0)
        sw      $a0, 12($k0)
        sw      $a1, 16($k0)
        sw      $a2, 20($k0)
        sw      $a3, 24($k0)
        sw      $t0, 28($k0)
        sw      $t1, 32($k0)
        sw      $t2, 36($k0)
        sw      $t3, 40($k0)
        sw      $ra, 44($k0)
        sw      $sp, 48($k0)
        sw      $t9, 52($k0)
        sw      $t4, 56($k0)
        sw      $t5, 60($k0)
        sw      $t6, 64($k0)
        sw      $t7, 68($k0)
        sw      $t8, 72($k0)
        la      $sp, xstack_top
        jal     on_exception
        move    $a0, $k1
        la      $k0, saved
        lw      $at, 0($k0)
        lw      $v0, 4($k0)
        lw      $v1, 8($k0)
        lw      $a0, 12($k0)
        lw      $a1, 16($k0)
        lw      $a2, 20($k0)
        lw      $a3, 24($k0)
        lw      $t0, 28($k0)
        lw      $t1, 32($k0)
        lw      $t2, 36($k0)
        lw      $t3, 40($k0)
        lw      $ra, 44($k0)
        lw      $sp, 48($k0)
        lw      $t9, 52($k0)
        lw      $t4, 56($k0)
        lw      $t5, 60($k0)
        lw      $t6, 64($k0)
        lw      $t7, 68($k0)
        lw      $t8, 72($k0)
        ehb
        eret

        .bss
        .align 4
saved:  .space 128
        .space 4096
xstack_top:
        .space 16384
stack_top:
