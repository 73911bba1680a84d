/* Entry point of every guest program. QEMU's -kernel (and the project's board) start the ELF entry
   in kernel mode with Status.BEV set. This sets up a stack, clears .bss, installs the vectors of
   vectors.S (EBase = __vectors, written while BEV = 1 as MIPS32 PRA 9.2.34 requires), then sets
   Status = 0 (kernel mode, BEV = ERL = EXL = IE = 0), calls main() and ends the run. */
        .set    noreorder
        .section .text.start, "ax"
        .globl  _start
        .ent    _start
_start:
        la      $sp, __stack_top
        la      $t0, __bss_start
        la      $t1, __bss_end
1:      beq     $t0, $t1, 2f
        nop
        sw      $zero, 0($t0)
        b       1b
        addiu   $t0, $t0, 4
2:      la      $t0, __vectors
        mtc0    $t0, $15, 1             # EBase
        ehb
        mtc0    $zero, $13              # Cause: IV = 0, software interrupt bits clear
        mtc0    $zero, $12              # Status: kernel mode, BEV = 0, interrupts off
        ehb
        jal     main
        addiu   $sp, $sp, -16           # argument save area (o32)
        jal     guest_exit
        nop
        .end    _start

        .bss
        .align  4
        .space  65536
        .globl  __stack_top
__stack_top:
