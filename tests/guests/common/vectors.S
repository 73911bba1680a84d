/* Exception vectors at EBase (4 KiB aligned, placed first in the image by link.ld).
   EBase + 0x000: TLB refill (EXL = 0) -> refill_handler (weak: the common path with vector 0);
   EBase + 0x180: all other exceptions -> common path with vector 1;
   EBase + 0x200: interrupts when Cause.IV = 1 -> common path with vector 2 (start.S clears IV, so
   interrupts arrive at EBase + 0x180 unless a program sets it).
   The common path saves every register in a struct frame on a dedicated exception stack,
   calls exception_handler(frame) in C, restores the (possibly changed) frame incl. EPC and
   Status, and returns with ERET. Exceptions are not nested: handlers run with EXL = 1. */
        .set    noreorder
        .set    noat
        .section .vectors, "ax"
        .globl  __vectors
__vectors:
        j       refill_handler
        nop
        .org    0x180
        j       exception_common
        li      $k1, 1
        .org    0x200
        j       exception_common
        li      $k1, 2

        .text
        .weak   refill_handler
        .ent    refill_handler
refill_handler:
        j       exception_common
        li      $k1, 0
        .end    refill_handler

#define FRAME_SIZE (38 * 4)
#define SAVE(r) sw $r, (r * 4)($k0)
#define LOAD(r) lw $r, (r * 4)($k0)

        .globl  exception_common
        .ent    exception_common
exception_common:
        lui     $k0, %hi(exception_stack_top - FRAME_SIZE)
        addiu   $k0, $k0, %lo(exception_stack_top - FRAME_SIZE)
        sw      $k1, 0($k0)             # regs[0] = vector: 0 refill, 1 general, 2 interrupt
        SAVE(1); SAVE(2); SAVE(3); SAVE(4); SAVE(5); SAVE(6); SAVE(7); SAVE(8); SAVE(9)
        SAVE(10); SAVE(11); SAVE(12); SAVE(13); SAVE(14); SAVE(15); SAVE(16); SAVE(17)
        SAVE(18); SAVE(19); SAVE(20); SAVE(21); SAVE(22); SAVE(23); SAVE(24); SAVE(25)
        SAVE(28); SAVE(29); SAVE(30); SAVE(31)
        sw      $zero, 26 * 4($k0)
        sw      $zero, 27 * 4($k0)
        mfhi    $t0
        sw      $t0, 32 * 4($k0)
        mflo    $t0
        sw      $t0, 33 * 4($k0)
        mfc0    $t0, $14                # EPC
        sw      $t0, 34 * 4($k0)
        mfc0    $t0, $13                # Cause
        sw      $t0, 35 * 4($k0)
        mfc0    $t0, $12                # Status
        sw      $t0, 36 * 4($k0)
        mfc0    $t0, $8                 # BadVAddr
        sw      $t0, 37 * 4($k0)
        move    $a0, $k0
        jal     exception_handler
        addiu   $sp, $k0, -16           # C stack below the frame
        addiu   $k0, $sp, 16
        lw      $t0, 32 * 4($k0)
        mthi    $t0
        lw      $t0, 33 * 4($k0)
        mtlo    $t0
        lw      $t0, 34 * 4($k0)
        mtc0    $t0, $14
        lw      $t0, 36 * 4($k0)
        mtc0    $t0, $12
        LOAD(1); LOAD(2); LOAD(3); LOAD(4); LOAD(5); LOAD(6); LOAD(7); LOAD(8); LOAD(9)
        LOAD(10); LOAD(11); LOAD(12); LOAD(13); LOAD(14); LOAD(15); LOAD(16); LOAD(17)
        LOAD(18); LOAD(19); LOAD(20); LOAD(21); LOAD(22); LOAD(23); LOAD(24); LOAD(25)
        LOAD(28); LOAD(29); LOAD(30); LOAD(31)
        ehb
        eret
        .end    exception_common

        .bss
        .align  4
        .space  16384
exception_stack_top:
