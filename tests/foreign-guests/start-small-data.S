# Start-up for -mno-abicalls -fno-pic code with small data (-G8): $gp = _gp for the .sdata/.sbss accesses, an own
# stack, .bss cleared, main, then the reset register.
    .set noreorder
    .text
    .globl __start
__start:
    la   $gp, _gp
    la   $sp, 0x80800000
    la   $t0, __bss_start
    la   $t1, _end
1:  beq  $t0, $t1, 2f
    nop
    sb   $zero, 0($t0)
    b    1b
    addiu $t0, $t0, 1
2:  jal  main
    nop
    li   $t0, 0xbf000500
    li   $t1, 0x42
    sw   $t1, 0($t0)
3:  b 3b
    nop
