# Unaligned access with LWL/LWR/SWL/SWR (little-endian), halfword/byte loads, LL/SC.
# Expected final registers (all others 0):
#   r2=55443322 r3=2211ccdd r4=aabb4433 r5=aabbcc44 r6=332211dd r7=01020304
#   r10=02030400 r11=00000001 r12=00010203 r13=03040400 r14=ffff8877 r15=00008877
#   r16=ffffff88 r17=00000088 r18=00000001 r19=44332212 r20=00000000 r21=44332212
        .set    noreorder
        .set    noat
        .text
        .globl  _start
_start:
        .include "common/start.inc"
        la      $8, buf
        lwr     $2, 1($8)               # unaligned word at buf + 1
        lwl     $2, 4($8)
        li      $3, 0xaabbccdd
        lwl     $3, 1($8)
        li      $4, 0xaabbccdd
        lwr     $4, 2($8)
        li      $5, 0xaabbccdd
        lwr     $5, 3($8)
        li      $6, 0xaabbccdd
        lwl     $6, 2($8)
        la      $9, buf2
        li      $7, 0x01020304
        swr     $7, 1($9)               # unaligned word store at buf2 + 1
        swl     $7, 4($9)
        lw      $10, 0($9)
        lw      $11, 4($9)
        swl     $7, 6($9)               # bytes 4..6 := 03 02 01
        lw      $12, 4($9)
        swr     $7, 2($9)               # bytes 2..3 := 04 03
        lw      $13, 0($9)
        lh      $14, 6($8)
        lhu     $15, 6($8)
        lb      $16, 7($8)
        lbu     $17, 7($8)
        ll      $18, 0($8)
        addiu   $18, $18, 1
        sc      $18, 0($8)              # succeeds: $18 = 1
        lw      $19, 0($8)
        li      $20, 7
        sc      $20, 0($8)              # no LL since the last SC: fails, $20 = 0
        lw      $21, 0($8)
        move    $8, $0                  # addresses are link-time dependent: clear them
        move    $9, $0
        .include "common/end.inc"

        .data
        .align  2
buf:    .byte   0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88
buf2:   .word   0, 0
