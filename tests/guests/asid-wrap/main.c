/* asid-wrap: a kernel that runs one user routine (kuseg 0x00100000, a global wired 1 MiB mapping of its own image)
   under 1500 ASID switches that go through all 256 ASIDs: entries 2..15 keep the data pages of ASIDs 1..14, entry 1 is
   rewritten for every other ASID, and ASID 3's entry is moved to other pages and back now and then. The routine adds to
   its ASID's page, loops (the timer interrupts it in user mode), and increments a counter with LL/SC (retried when an
   interrupt's ERET cleared LLbit). The digest covers every page. Under a VMM the guest's ASIDs outnumber the real ones,
   so its shadow ASIDs wrap, and every TLB write must drop the shadows built from the old entries. */
#include "lib.h"
static volatile u32 return_to, ticks, other;
u32 on_exception(u32 vec)
{
    (void)vec;
    u32 cause = mfc0(13, 0), code = (cause >> 2) & 31;
    if (code == 0) { ticks++; mtc0(11, 0, mfc0(9, 0) + 700); return 0; }
    if (code == 8 && return_to) { u32 r = return_to; return_to = 0; mtc0(14, 0, r); mtc0(12, 0, 0x10000002u); return 0; }
    other++;
    mtc0(14, 0, mfc0(14, 0) + 4);
    return 0;
}
static void tlbwi(u32 idx, u32 hi, u32 mask, u32 lo0, u32 lo1)
{
    mtc0(0, 0, idx); mtc0(10, 0, hi); mtc0(5, 0, mask); mtc0(2, 0, lo0); mtc0(3, 0, lo1);
    __asm__ volatile("tlbwi\n\tehb" ::: "memory");
}
extern void user_add(void);
/* a0 = value: page[0] += value, page[asid-dependent slot] ^= value, a busy loop, page[1] += page[0] */
__asm__(".set push\n.set noreorder\n.globl user_add\nuser_add:\n"
        " lui $t0, 0x0040\n lw $t1, 0($t0)\n addu $t1, $t1, $a0\n sw $t1, 0($t0)\n"
        " andi $t2, $a0, 0xffc\n addu $t2, $t2, $t0\n lw $t3, 0x1000($t2)\n xor $t3, $t3, $a0\n sw $t3, 0x1000($t2)\n"
        " li $t4, 300\n1: addiu $t4, -1\n bnez $t4, 1b\n addu $t5, $t5, $t4\n"
        " lw $t3, 4($t0)\n addu $t3, $t3, $t1\n sw $t3, 4($t0)\n"
        "2: ll $t6, 8($t0)\n addiu $t6, 1\n sc $t6, 8($t0)\n beqz $t6, 2b\n nop\n"
        " syscall\n nop\n.set pop\n");
static void run_user(u32 asid, u32 value)
{
    mtc0(10, 0, asid);
    __asm__ volatile(
        "la $t0, 1f\n\tsw $t0, return_to\n\tla $t0, user_add\n\tsll $t0, $t0, 3\n\tsrl $t0, $t0, 3\n\tmtc0 $t0, $14\n\t"
        "li $t0, 0x00008013\n\tmtc0 $t0, $12\n\tmove $a0, %0\n\tehb\n\teret\n1:"
        :: "r"(value) : "a0", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "memory");
    mtc0(12, 0, 0x10000000u);
}
static u32 page_pa(u32 asid) { return 0x00800000u + asid * 0x2000u; }
int main(void)
{
    puts_("asids\n");
    for (u32 i = 0; i < 16; i++) tlbwi(i, 0x90000000u + i * 0x2000u, 0, 0, 0);
    /* wired 0: global 1M pair over the kernel image at kuseg 0 (odd page = phys 1M) */
    mtc0(6, 0, 1);
    tlbwi(0, 0, 0x1fe000u, 1, ((0x00100000u >> 12) << 6) | (3 << 3) | 3);
    /* entries 2..15: ASIDs 1..14 keep their own data pair */
    for (u32 a = 1; a <= 14; a++) tlbwi(a + 1, 0x00400000u | a, 0, ((page_pa(a) >> 12) << 6) | (3 << 3) | 6, (((page_pa(a) + 0x1000) >> 12) << 6) | (3 << 3) | 6);
    mtc0(11, 0, mfc0(9, 0) + 700);
    u32 x = 1;
    for (u32 round = 0; round < 1500; round++) {
        u32 asid = (round * 37 + (round >> 8)) & 0xff;
        x = x * 1664525u + 1013904223u;
        if (asid == 0 || asid > 14)
            tlbwi(1, 0x00400000u | asid, 0, ((page_pa(asid) >> 12) << 6) | (3 << 3) | 6, (((page_pa(asid) + 0x1000) >> 12) << 6) | (3 << 3) | 6);
        if (round % 97 == 5) {   /* move ASID 3's data to ASID 200's pages and back */
            tlbwi(4, 0x00400000u | 3, 0, ((page_pa(200) >> 12) << 6) | (3 << 3) | 6, (((page_pa(200) + 0x1000) >> 12) << 6) | (3 << 3) | 6);
            run_user(3, x);
            tlbwi(4, 0x00400000u | 3, 0, ((page_pa(3) >> 12) << 6) | (3 << 3) | 6, (((page_pa(3) + 0x1000) >> 12) << 6) | (3 << 3) | 6);
        }
        run_user(asid, x >> 8);
    }
    u32 h = 0;
    for (u32 a = 0; a < 256; a++) {
        volatile u32 *p = (volatile u32 *)(0x80000000u | page_pa(a));
        h = h * 33 + p[0] + p[1] * 7 + p[2] * 13;
        for (u32 k = 0; k < 1024; k += 1) h ^= p[1024 + k] * (k + 1);
    }
    kv("digest", h);
    kv("asid 3 counters", *(volatile u32 *)(0x80000000u | page_pa(3)) + *(volatile u32 *)(0x80000008u | page_pa(3)));
    kv("other exceptions", other);
    return 0;
}
