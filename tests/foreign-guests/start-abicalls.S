# Start-up for code built with the toolchain's defaults (-mabicalls, PIC): $gp from $t9, which QEMU's boot code
# (and the board) set to the entry point; .bss cleared; main called through the GOT; then the reset register.
    .set noreorder
    .text
    .globl __start
    .ent __start
__start:
    .cpload $t9          # PIC: gp from t9 (QEMU sets t9 = entry)
    la   $t0, __bss_start
    la   $t1, _end
1:  beq  $t0, $t1, 2f
    nop
    sb   $zero, 0($t0)
    b    1b
    addiu $t0, $t0, 1
2:  la   $t9, main
    jalr $t9
    nop
    li   $t0, 0xbf000500
    li   $t1, 0x42
    sw   $t1, 0($t0)
3:  b 3b
    nop
    .end __start
