/* A small kernel: one user task at ASID 1 in kuseg, a page table walked by the TLB refill handler
   (refill.S), demand-zero stack pages (TLB invalid), a copy-on-write data page (TLB modified), system
   calls (print a string, read the tick count, arm the timer, exit) and Count/Compare timer ticks.
   Everything it prints is independent of timing and of TLB replacement (Random): no raw counts. */
#include "../common/runtime.h"

enum { SYS_PUTS = 1, SYS_TICKS = 2, SYS_EXIT = 3, SYS_TIMER = 4 };

#define TASK_ASID 1
#define PAGE 4096u
#define PAGE_TABLE 0x81000000u     /* kseg0, physical 16 MiB: Context.PTEBase (8 MiB aligned) */
#define PAGE_TABLE_BYTES (4u << 20) /* 16 bytes per pair of pages, all of kuseg */
#define FRAME_POOL 0x00600000u     /* physical frames for copies and zero pages */
#define STACK_TOP 0x80000000u
#define STACK_PAGES 4
#define TIMER_INTERVAL 200000u     /* Count ticks: 2 ms on QEMU (Count at 100 MHz), 200000 instructions on the model */

extern char __user_text_start[], __user_text_end[], __user_data_start[], __user_data_end[];
extern void task_main(void);

enum region_kind { READ_ONLY, COPY_ON_WRITE, DEMAND_ZERO };
struct region {
    const char *name;
    u32 start, end;
    enum region_kind kind;
};
static struct region regions[3];

static u32 next_frame = FRAME_POOL;
static u32 ticks, tick_target;
static u32 copies, zero_pages;

/* The 16-byte page-table slot of the pair holding va: [0] EntryLo0, [1] mark, [2] EntryLo1. */
static volatile u32 *slot(u32 va) { return (volatile u32 *)(PAGE_TABLE + (va >> 13) * 16); }
static volatile u32 *pte(u32 va) { return slot(va) + ((va & PAGE) ? 2 : 0); }

static void map(u32 va, u32 pa, u32 flags) { *pte(va) = ELO_PFN(pa) | ELO_CACHED | flags; }

static struct region *region_of(u32 va)
{
    for (int i = 0; i < 3; i++)
        if (va >= regions[i].start && va < regions[i].end)
            return &regions[i];
    return 0;
}

/* After a page-table change: rewrite the pair's TLB entry if it is present (TLBP with EntryHi =
   VPN2 | ASID); if it is not, the next access refills it from the table. */
static void tlb_update(u32 va)
{
    MTC0(C0_ENTRYHI, 0, (va & ~0x1fffu) | TASK_ASID);
    __asm__ volatile("tlbp\n\tehb" ::: "memory");
    if (MFC0(C0_INDEX, 0) & 0x80000000u)
        return;
    MTC0(C0_ENTRYLO0, 0, slot(va)[0]);
    MTC0(C0_ENTRYLO1, 0, slot(va)[2]);
    MTC0(C0_PAGEMASK, 0, 0);
    __asm__ volatile("tlbwi\n\tehb" ::: "memory");
}

static u32 allocate_frame(void)
{
    u32 pa = next_frame;
    next_frame += PAGE;
    return pa;
}

/* Reads a user byte through the page table (never through the TLB: a TLB miss here, with EXL = 1,
   would go to the general vector and lose EPC). Returns -1 for an unmapped page. */
static int user_byte(u32 va)
{
    u32 elo = *pte(va);
    if (va >= 0x80000000u || !(elo & ELO_V))
        return -1;
    return *(volatile u8 *)KSEG0(((elo >> 6) << 12) | (va & (PAGE - 1)));
}

static void user_puts(u32 va)
{
    for (int n = 0; n < 256; n++, va++) {
        int c = user_byte(va);
        if (c <= 0)
            return;
        putc((char)c);
    }
}

__attribute__((noreturn)) static void report_and_exit(u32 status)
{
    printf("kernel: task exited with status %u\n", status);
    printf("kernel: %u copy-on-write copy, %u demand-zero page, %u ticks\n", copies, zero_pages, ticks);
    puts("kernel: pairs refilled by the TLB refill handler:");
    for (u32 va = 0; va < 0x80000000u; va += 2 * PAGE) {
        if (va == 0x00800000u)
            va = STACK_TOP - STACK_PAGES * PAGE; /* nothing mapped in between */
        if (slot(va)[1])
            printf(" %08x", va);
    }
    putc('\n');
    guest_exit();
}

static void skip(struct frame *f, const char *what)
{
    printf("kernel: %s (badvaddr %08x): instruction skipped\n", what, f->badvaddr);
    f->epc += 4;
}

static void page_fault(struct frame *f, u32 code)
{
    u32 va = f->badvaddr;
    struct region *r = region_of(va);
    u32 page = va & ~(PAGE - 1);
    if (code == EXC_MOD && r && r->kind == COPY_ON_WRITE) {
        u32 old = ((*pte(va) >> 6) << 12);
        u32 copy = allocate_frame();
        memcpy((void *)KSEG0(copy), (const void *)KSEG0(old), PAGE);
        map(page, copy, ELO_V | ELO_D);
        tlb_update(va);
        copies++;
        printf("kernel: copy-on-write fault on %s page %08x: private copy made\n", r->name, page);
        return; /* retry the store */
    }
    if (code != EXC_MOD && r && r->kind == DEMAND_ZERO && !(*pte(va) & ELO_V)) {
        u32 frame = allocate_frame();
        memset((void *)KSEG0(frame), 0, PAGE);
        map(page, frame, ELO_V | ELO_D);
        tlb_update(va);
        zero_pages++;
        printf("kernel: %s fault on %s page %08x: zero page mapped\n", exc_name(code), r->name, page);
        return; /* retry */
    }
    skip(f, code == EXC_MOD ? "write to a read-only page" : "access to an unmapped page");
}

static void syscall(struct frame *f)
{
    u32 number = f->regs[2], arg = f->regs[4];
    f->epc += 4;
    switch (number) {
    case SYS_PUTS:
        user_puts(arg);
        f->regs[2] = 0;
        return;
    case SYS_TICKS:
        f->regs[2] = ticks;
        return;
    case SYS_TIMER:
        tick_target = ticks + arg;
        printf("kernel: timer armed for %u ticks\n", arg);
        timer_arm(TIMER_INTERVAL);
        f->status |= ST_IM(7);
        f->regs[2] = 0;
        return;
    case SYS_EXIT:
        report_and_exit(arg);
    default:
        printf("kernel: unknown system call %u\n", number);
        f->regs[2] = ~0u;
    }
}

static void interrupt(struct frame *f)
{
    if (!(f->cause & CAUSE_IP(7)))
        return; /* IP7 is the only enabled line */
    ticks++;
    printf("kernel: tick %u\n", ticks);
    timer_arm(TIMER_INTERVAL); /* also acknowledges (clears TI) */
    if (ticks >= tick_target) {
        f->status &= ~ST_IM(7);
        puts("kernel: timer stopped\n");
    }
}

void exception_handler(struct frame *f)
{
    u32 code = CAUSE_EXCCODE(f->cause);
    if (!(f->status & ST_KSU_USER)) {
        printf("kernel: exception %u (%s) in the kernel at %08x, badvaddr %08x\n", code, exc_name(code), f->epc,
               f->badvaddr);
        guest_exit();
    }
    switch (code) {
    case EXC_INT: interrupt(f); return;
    case EXC_SYS: syscall(f); return;
    case EXC_MOD:
    case EXC_TLBL:
    case EXC_TLBS: page_fault(f, code); return;
    case EXC_ADEL:
    case EXC_ADES: skip(f, code == EXC_ADEL ? "address error on load" : "address error on store"); return;
    default:
        printf("kernel: task killed by exception %u (%s) at %08x\n", code, exc_name(code), f->epc);
        report_and_exit(~0u);
    }
}

int main(void)
{
    puts("kernel: starting\n");
    tlb_clear();
    volatile u32 *table = (volatile u32 *)PAGE_TABLE;
    for (u32 i = 0; i < PAGE_TABLE_BYTES / 4; i += 4) {
        table[i] = 0;
        table[i + 1] = 0;
        table[i + 2] = 0;
        table[i + 3] = 0;
    }
    MTC0(C0_CONTEXT, 0, PAGE_TABLE);

    u32 text = (u32)__user_text_start, text_end = (u32)__user_text_end;
    u32 data = (u32)__user_data_start, data_end = (u32)__user_data_end;
    regions[0] = (struct region){ "text", text, text_end, READ_ONLY };
    regions[1] = (struct region){ "data", data, data_end, COPY_ON_WRITE };
    regions[2] = (struct region){ "stack", STACK_TOP - STACK_PAGES * PAGE, STACK_TOP, DEMAND_ZERO };
    /* The task's pages sit at physical = virtual (see link.ld); none is writable at first. */
    for (u32 va = text; va < text_end; va += PAGE)
        map(va, va, ELO_V);
    for (u32 va = data; va < data_end; va += PAGE)
        map(va, va, ELO_V);
    printf("kernel: task text %08x-%08x read-only, data %08x-%08x copy-on-write, stack %08x-%08x demand-zero\n",
           text, text_end, data, data_end, regions[2].start, STACK_TOP);

    puts("kernel: entering the task at ASID 1\n");
    MTC0(C0_ENTRYHI, 0, TASK_ASID);
    MTC0(C0_EPC, 0, (u32)task_main);
    /* User mode with interrupts enabled (IM7 once the task arms the timer); EXL keeps us in kernel mode
       until ERET. */
    __asm__ volatile(
        "move $sp, %0\n\t"
        "mtc0 %1, $12\n\t"
        "ehb\n\t"
        "eret"
        :
        : "r"(STACK_TOP - 16), "r"(ST_KSU_USER | ST_EXL | ST_IE)
        : "memory");
    __builtin_unreachable();
}
