/* Raises every exception type a 24Kc without FPU and bus errors can take, in kernel and user mode and
   in branch delay slots, and prints what the general exception handler saw: the vector, ExcCode, EPC
   relative to the faulting instruction, Cause.BD, and BadVAddr / EntryHi / Context (address and TLB
   exceptions) or Cause.CE (coprocessor unusable) or the pending interrupt bits. The handler then skips
   the instruction (emulating the branch when BD = 1), fixes the TLB entry and retries, or clears the
   interrupt source. */
#include "../common/runtime.h"

struct record {
    u32 vector, code, epc, bd, badvaddr, entryhi, context, ce, ip, status;
};

static struct record records[8];
static u32 record_count;
static u32 next_tlb_index = 1; /* index 0 is the wired user mapping */
static int exl_test; /* the exl_refill test: record only, return to EPC as it was */

extern u32 kernel_context[11];
extern void enter_user(u32 pc, u32 a0, u32 a1);
extern char user_probe[];

#define KSEG2_BASE 0xc0000000u
#define BACKING_PA 0x00800000u /* kseg2 0xc0000000 + n is backed by physical 8 MiB + n */

static void tlb_probe_read(void)
{
    __asm__ volatile("tlbp\n\tehb" ::: "memory");
    __asm__ volatile("tlbr\n\tehb" ::: "memory");
}

static void tlb_write_indexed(void) { __asm__ volatile("tlbwi\n\tehb" ::: "memory"); }

/* The address of the instruction after the branch at epc (whose delay slot faulted), as the branch
   would have chosen; covers the branches the tests put faults behind: BEQ, BNE, J, JR. */
static u32 branch_destination(struct frame *f)
{
    u32 insn = *(volatile u32 *)KSEG0(f->epc);
    u32 op = insn >> 26, rs = (insn >> 21) & 31, rt = (insn >> 16) & 31;
    u32 offset_target = f->epc + 4 + ((u32)(s32)(short)(insn & 0xffff) << 2);
    switch (op) {
    case 0: /* SPECIAL: JR */
        return f->regs[rs];
    case 2: /* J */
        return ((f->epc + 4) & 0xf0000000u) | ((insn & 0x03ffffffu) << 2);
    case 4: /* BEQ */
        return f->regs[rs] == f->regs[rt] ? offset_target : f->epc + 8;
    case 5: /* BNE */
        return f->regs[rs] != f->regs[rt] ? offset_target : f->epc + 8;
    case 20: /* BEQL: its delay slot runs only when taken */
        return offset_target;
    default:
        printf("cannot emulate the branch %08x at %08x\n", insn, f->epc);
        guest_exit();
    }
}

static void skip(struct frame *f) { f->epc = (f->cause & CAUSE_BD) ? branch_destination(f) : f->epc + 4; }

static void resume_kernel(struct frame *f)
{
    for (int i = 0; i < 8; i++)
        f->regs[16 + i] = kernel_context[i];
    f->regs[30] = kernel_context[8];
    f->regs[29] = kernel_context[9];
    f->regs[31] = kernel_context[10];
    f->epc = kernel_context[10];
    f->status &= ~(ST_KSU_USER | 0x8u); /* KSU = kernel */
}

void exception_handler(struct frame *f)
{
    u32 code = CAUSE_EXCCODE(f->cause);
    if (record_count < 8) {
        struct record *r = &records[record_count++];
        r->vector = f->regs[0];
        r->code = code;
        r->epc = f->epc;
        r->bd = f->cause >> 31;
        r->badvaddr = f->badvaddr;
        r->entryhi = MFC0(C0_ENTRYHI, 0);
        r->context = MFC0(C0_CONTEXT, 0);
        r->ce = CAUSE_CE(f->cause);
        r->ip = (f->cause >> 8) & 0xff;
        r->status = f->status;
    }
    if (exl_test)
        return;
    switch (code) {
    case EXC_INT:
        if (f->cause & CAUSE_IP(7)) {
            timer_arm(0x40000000u); /* acknowledges the timer (clears TI); the next one is far away */
            f->status &= ~ST_IM(7);
        }
        MTC0(C0_CAUSE, 0, MFC0(C0_CAUSE, 0) & ~(CAUSE_IP(0) | CAUSE_IP(1)));
        return; /* resume at EPC: the interrupted instruction */
    case EXC_TLBL:
    case EXC_TLBS:
        if (f->regs[0] == 0) {
            /* Refill: map the faulting pair (EntryHi already holds its VPN2) to its backing pages,
               both invalid, at the next free index; the retry then takes a TLB invalid exception. */
            u32 even = (f->badvaddr & ~0x1fffu) - KSEG2_BASE + BACKING_PA;
            MTC0(C0_ENTRYLO0, 0, ELO_PFN(even) | ELO_CACHED);
            MTC0(C0_ENTRYLO1, 0, ELO_PFN(even + 0x1000) | ELO_CACHED);
            MTC0(C0_PAGEMASK, 0, 0);
            MTC0(C0_INDEX, 0, next_tlb_index++);
            tlb_write_indexed();
        } else {
            tlb_probe_read(); /* invalid: make the page valid (not yet dirty) */
            if (f->badvaddr & 0x1000)
                MTC0(C0_ENTRYLO1, 0, MFC0(C0_ENTRYLO1, 0) | ELO_V);
            else
                MTC0(C0_ENTRYLO0, 0, MFC0(C0_ENTRYLO0, 0) | ELO_V);
            tlb_write_indexed();
        }
        return; /* retry */
    case EXC_MOD:
        tlb_probe_read();
        if (f->badvaddr & 0x1000)
            MTC0(C0_ENTRYLO1, 0, MFC0(C0_ENTRYLO1, 0) | ELO_D);
        else
            MTC0(C0_ENTRYLO0, 0, MFC0(C0_ENTRYLO0, 0) | ELO_D);
        tlb_write_indexed();
        return; /* retry */
    case EXC_SYS:
        if (f->status & ST_KSU_USER) {
            resume_kernel(f);
            return;
        }
        skip(f);
        return;
    case EXC_ADEL:
        if (f->epc == f->badvaddr) {
            f->epc = f->regs[31]; /* instruction fetch: return to the caller */
            return;
        }
        skip(f);
        return;
    case EXC_ADES:
    case EXC_BP:
    case EXC_RI:
    case EXC_CPU:
    case EXC_OV:
    case EXC_TR:
        skip(f);
        return;
    default:
        printf("unexpected exception %u at %08x\n", code, f->epc);
        guest_exit();
    }
}

static void report(const char *name, u32 fault)
{
    printf("%s:", name);
    if (record_count == 0)
        puts(" no exception");
    for (u32 i = 0; i < record_count; i++) {
        struct record *r = &records[i];
        printf(" [%s %s(%u) epc=%s%d bd=%u", r->vector == 0 ? "refill" : r->vector == 1 ? "general" : "interrupt",
               exc_name(r->code), r->code, (s32)(r->epc - fault) >= 0 ? "+" : "", (s32)(r->epc - fault), r->bd);
        switch (r->code) {
        case EXC_MOD:
        case EXC_TLBL:
        case EXC_TLBS:
            printf(" badvaddr=%08x entryhi=%08x context=%08x", r->badvaddr, r->entryhi, r->context);
            break;
        case EXC_ADEL:
        case EXC_ADES:
            if (r->badvaddr - fault + 64 <= 128) /* an address in the code: relative, independent of the link */
                printf(" badvaddr=%s%d", (s32)(r->badvaddr - fault) >= 0 ? "+" : "", (s32)(r->badvaddr - fault));
            else
                printf(" badvaddr=%08x", r->badvaddr);
            break;
        case EXC_CPU:
            printf(" ce=%u", r->ce);
            break;
        case EXC_INT:
            printf(" ip=%02x", r->ip & 0x83); /* IP7 (timer), IP1..IP0 (software) */
            break;
        }
        printf(" %s]", (r->status & ST_KSU_USER) ? "user" : "kernel");
    }
    putc('\n');
    record_count = 0;
}

#define DECLARE(name) extern u32 t_##name(u32, u32); extern char f_##name[]
DECLARE(add_overflow); DECLARE(addi_overflow); DECLARE(teq); DECLARE(tgei); DECLARE(break);
DECLARE(syscall); DECLARE(reserved); DECLARE(reserved_special3); DECLARE(cop1);
DECLARE(load_misaligned); DECLARE(store_misaligned); DECLARE(branch_delay_overflow);
DECLARE(jr_delay_load); DECLARE(tlb_load); DECLARE(tlb_store); DECLARE(tlb_store_invalid);
DECLARE(tlb_delay_slot); DECLARE(llsc_eret); DECLARE(exl_refill);
DECLARE(branch_likely_overflow); DECLARE(fetch_misaligned); DECLARE(misaligned_unmapped); DECLARE(wait_timer); DECLARE(soft_interrupt); DECLARE(timer_interrupt);
extern char f_user_load_kseg0[], f_user_store_kseg1[], f_user_cp0[], f_user_syscall[];

#define RUN(name, a0, a1) ({ u32 _r = t_##name((a0), (a1)); report(#name, (u32)f_##name); _r; })

/* Misaligned accesses use this fixed kseg0 address (physical 64 KiB, unused RAM), so that the printed
   BadVAddr does not depend on where the linker put the program's data. */
#define PROBE KSEG0(0x10000)

int main(void)
{
    puts("exceptions\n");
    tlb_clear();
    u32 v;
    v = RUN(add_overflow, 0, 0);
    printf("  add left its destination unchanged: %s\n", v == 0 ? "yes" : "no");
    RUN(addi_overflow, 0, 0);
    RUN(teq, 0, 0);
    RUN(tgei, 0, 0);
    RUN(break, 0, 0);
    RUN(syscall, 0, 0);
    RUN(reserved, 0, 0);
    RUN(reserved_special3, 0, 0);
    RUN(cop1, 0, 0);
    volatile u32 *probe = (volatile u32 *)PROBE;
    probe[0] = 0x11223344u;
    probe[1] = 0x55667788u;
    v = RUN(load_misaligned, PROBE, 0);
    printf("  the load was skipped: v0=%u\n", v);
    RUN(store_misaligned, PROBE, 0);
    printf("  memory unchanged: %08x %08x\n", probe[0], probe[1]);
    v = RUN(branch_delay_overflow, 0, 0);
    printf("  resumed at the branch target: v0=%u\n", v);
    v = RUN(jr_delay_load, PROBE, 0);
    printf("  resumed at the jump target: v0=%u\n", v);
    v = RUN(branch_likely_overflow, 0, 0);
    printf("  resumed at the branch target: v0=%u\n", v);
    RUN(fetch_misaligned, 0, 0);
    RUN(misaligned_unmapped, KSEG2_BASE + 0x40000, 0);

    /* kseg2 pages backed by physical 8 MiB: known contents first (through kseg0). */
    volatile u32 *backing = (volatile u32 *)KSEG0(BACKING_PA);
    for (u32 i = 0; i < 12 * 1024; i++)
        backing[i] = 0xa5000000u + i * 4;
    v = RUN(tlb_load, KSEG2_BASE + 0x10, 0);
    printf("  loaded %08x through the TLB\n", v);
    RUN(tlb_store, KSEG2_BASE + 0x4008, 0xcafef00d);
    printf("  stored: physical %08x holds %08x\n", BACKING_PA + 0x4008, backing[0x4008 / 4]);
    RUN(tlb_store_invalid, KSEG2_BASE + 0x1ffc, 0x600df00d);
    printf("  stored: physical %08x holds %08x\n", BACKING_PA + 0x1ffc, backing[0x1ffc / 4]);
    v = RUN(tlb_delay_slot, KSEG2_BASE + 0x8020, 0);
    printf("  loaded %08x in the delay slot, resumed at the jump target\n", v);

    /* The entries the handler wrote, read back: TLBP hit and miss, TLBR. */
    MTC0(C0_ENTRYHI, 0, KSEG2_BASE);
    __asm__ volatile("tlbp\n\tehb" ::: "memory");
    u32 index = MFC0(C0_INDEX, 0);
    __asm__ volatile("tlbr\n\tehb" ::: "memory");
    printf("tlbp %08x: index=%u; tlbr: entryhi=%08x entrylo0=%08x entrylo1=%08x pagemask=%08x\n", KSEG2_BASE, index,
           MFC0(C0_ENTRYHI, 0), MFC0(C0_ENTRYLO0, 0), MFC0(C0_ENTRYLO1, 0), MFC0(C0_PAGEMASK, 0));
    MTC0(C0_ENTRYHI, 0, KSEG2_BASE + 0x10000);
    __asm__ volatile("tlbp\n\tehb" ::: "memory");
    printf("tlbp %08x: probe failure bit=%u\n", KSEG2_BASE + 0x10000, MFC0(C0_INDEX, 0) >> 31);

    probe[0] = 100;
    v = RUN(llsc_eret, PROBE, 0);
    printf("  sc without an exception: %u, sc after eret: %u, memory %u\n", v >> 1, v & 1, probe[0]);

    exl_test = 1;
    v = RUN(exl_refill, KSEG2_BASE + 0x20000, 0);
    exl_test = 0;
    printf("  resumed at the EPC set before: v0=%u, status.exl=%u\n", v, (MFC0(C0_STATUS, 0) >> 1) & 1);

    RUN(soft_interrupt, 0, 0);
    RUN(wait_timer, 1000000, 0);
    MTC0(C0_CAUSE, 0, 1u << 23); /* Cause.IV: interrupts use EBase + 0x200 */
    RUN(soft_interrupt, 0, 0);
    MTC0(C0_CAUSE, 0, 0);
    timer_arm(20000);
    RUN(timer_interrupt, 0, 0);

    /* User mode: a wired entry maps virtual 0..32 MiB to physical 0..32 MiB (16 MiB pages), so the
       program's code runs in kuseg at its physical address. */
    MTC0(C0_INDEX, 0, 0);
    MTC0(C0_PAGEMASK, 0, 0x01ffe000u);
    MTC0(C0_ENTRYHI, 0, 0);
    MTC0(C0_ENTRYLO0, 0, ELO_PFN(0) | ELO_CACHED | ELO_D | ELO_V | ELO_G);
    MTC0(C0_ENTRYLO1, 0, ELO_PFN(0x01000000) | ELO_CACHED | ELO_D | ELO_V | ELO_G);
    tlb_write_indexed();
    MTC0(C0_PAGEMASK, 0, 0);
    MTC0(C0_WIRED, 0, 1);
    enter_user(PHYS(user_probe), KSEG0(0), KSEG1(0));
    printf("user:");
    for (u32 i = 0; i < record_count; i++)
        printf(" %s", exc_name(records[i].code));
    putc('\n');
    record_count = 4;
    static const char *const user_labels[] = { "user_load_kseg0", "user_store_kseg1", "user_cp0", "user_syscall" };
    char *const user_faults[] = { f_user_load_kseg0, f_user_store_kseg1, f_user_cp0, f_user_syscall };
    struct record saved[4];
    memcpy(saved, records, sizeof saved);
    for (u32 i = 0; i < 4; i++) {
        records[0] = saved[i];
        record_count = 1;
        report(user_labels[i], PHYS(user_faults[i]));
    }
    printf("back in kernel mode: status=%08x\n", MFC0(C0_STATUS, 0));
    MTC0(C0_INDEX, 0, 0);
    __asm__ volatile("tlbr\n\tehb" ::: "memory");
    printf("wired entry: entryhi=%08x entrylo0=%08x entrylo1=%08x pagemask=%08x wired=%u\n", MFC0(C0_ENTRYHI, 0),
           MFC0(C0_ENTRYLO0, 0), MFC0(C0_ENTRYLO1, 0), MFC0(C0_PAGEMASK, 0), MFC0(C0_WIRED, 0));
    puts("done\n");
    return 0;
}
