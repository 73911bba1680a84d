/* The kernel's TLB refill handler (reached from EBase + 0 through vectors.S). Context.PTEBase points
   at the page table: 16 bytes per even/odd pair of 4 KiB pages, indexed by Context.BadVPN2
   (MIPS32 PRA 9.2.5): +0 EntryLo0, +4 "refilled" mark, +8 EntryLo1. The mark (any non-zero word) lets
   the kernel report which pairs the task's accesses refilled; replacement is TLBWR (Random). A pair
   whose page is invalid in the table is loaded invalid, so the retry raises TLB invalid at 0x180. */
        .set    noreorder
        .set    noat
        .text
        .globl  refill_handler
        .ent    refill_handler
refill_handler:
        mfc0    $k1, $4                 # Context
        lw      $k0, 0($k1)
        sw      $k1, 4($k1)             # mark
        lw      $k1, 8($k1)
        mtc0    $k0, $2                 # EntryLo0
        mtc0    $k1, $3                 # EntryLo1
        ehb
        tlbwr
        eret
        .end    refill_handler
