# Integer arithmetic, multiply/divide, bit-field and byte operations.
# Expected final registers (all others 0):
#   r2=7fffffff r3=80000000 r4=fffffff9 r5=00000003 r6=fffffffe r7=ffffffff
#   r8=00000001 r9=7ffffffd r10=fffffff4 r11=0000001e r12=0000001d r13=12345678
#   r14=00000456 r15=34127856 r16=78123456 r17=ffffff80 r18=ffff8001 r19=fffff00f
#   r20=00000001 r21=00000000 r22=ffffffff r23=ffffffeb r24=55555553 r25=00000000
#   r28=f8000000 r29=0000dead r30=00000003
        .set    noreorder
        .set    noat
        .text
        .globl  _start
_start:
        .include "common/start.inc"
        li      $2, 0x7fffffff
        addiu   $3, $2, 1               # wraps to 0x80000000 (ADDIU never traps)
        li      $4, -7
        li      $5, 3
        div     $0, $4, $5              # LO = -2, HI = -1 (remainder takes the dividend's sign)
        mflo    $6
        mfhi    $7
        multu   $2, $5                  # 0x7fffffff * 3 = 0x1_7ffffffd
        mfhi    $8
        mflo    $9
        mult    $4, $5                  # -21
        madd    $5, $5                  # -21 + 9 = -12
        mflo    $10
        clz     $11, $5                 # 3 has 30 leading zeros
        clo     $12, $4                 # 0xfffffff9 has 29 leading ones
        li      $13, 0x12345678
        ext     $14, $13, 8, 12         # bits 19..8
        wsbh    $15, $13
        rotr    $16, $13, 8
        li      $17, 0x1280
        seb     $17, $17
        li      $18, 0x8001
        seh     $18, $18
        li      $19, -1
        ins     $19, $0, 4, 8           # clear bits 11..4
        slt     $20, $4, $5             # -7 < 3 signed
        sltu    $21, $4, $5             # 0xfffffff9 < 3 unsigned: no
        nor     $22, $0, $0
        mul     $23, $4, $5             # -21
        divu    $0, $4, $5              # 0xfffffff9 / 3 = 0x55555553 rem 0
        mflo    $24
        mfhi    $25
        sra     $28, $3, 4
        lui     $29, 0xdead
        ori     $29, $29, 0xbeef
        srl     $29, $29, 16
        li      $30, 5
        movz    $30, $5, $0             # $0 == 0: move
        movn    $30, $4, $0             # $0 != 0 is false: no move
        .include "common/end.inc"
