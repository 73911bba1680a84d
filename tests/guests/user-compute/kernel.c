/* A small kernel whose work runs as a user task: the compute-bound guest of the VMM benchmark. Code linked in
   kseg0 cannot run directly under a trap-and-emulate VMM (user mode cannot fetch from kseg0), so, as Disco's
   guests were relinked into mapped space, the compute lives in a task at ASID 1 in kuseg. The kernel maps the
   task with two wired TLB pairs of 1 MiB pages (nothing is ever refilled), enters it with ERET, and serves two
   system calls: print a string, exit. */
#include "../common/runtime.h"

enum { SYS_PUTS = 1, SYS_EXIT = 2 };

#define TASK_ASID 1
#define PAGEMASK_1M 0x001fe000u
#define TASK_VA 0x00400000u     /* text, data and stack: 1 MiB pages at physical 4 MiB and 5 MiB */
#define TASK_PA 0x00400000u
#define BUFFER_VA 0x01000000u   /* the task's work buffer (a 2 MiB pair; the task uses 1 MiB): physical 6 MiB and 7 MiB */
#define BUFFER_PA 0x00600000u
#define STACK_TOP 0x00600000u   /* top of the odd page of the task's pair */

extern void task_main(void);

static void map_pair(u32 index, u32 va, u32 pa)
{
    MTC0(C0_INDEX, 0, index);
    MTC0(C0_ENTRYHI, 0, va | TASK_ASID);
    MTC0(C0_PAGEMASK, 0, PAGEMASK_1M);
    MTC0(C0_ENTRYLO0, 0, ELO_PFN(pa) | ELO_CACHED | ELO_V | ELO_D);
    MTC0(C0_ENTRYLO1, 0, ELO_PFN(pa + (1u << 20)) | ELO_CACHED | ELO_V | ELO_D);
    __asm__ volatile("tlbwi\n\tehb" ::: "memory");
}

void exception_handler(struct frame *f)
{
    u32 code = CAUSE_EXCCODE(f->cause);
    if (code != EXC_SYS || !(f->status & ST_KSU_USER)) {
        printf("kernel: exception %u (%s) at %08x, badvaddr %08x: stopping\n", code, exc_name(code), f->epc, f->badvaddr);
        guest_exit();
    }
    f->epc += 4;
    switch (f->regs[2]) {
    case SYS_PUTS:
        /* The task's string is read at its own address: the wired pairs map it for ASID 1, still in EntryHi. */
        puts((const char *)f->regs[4]);
        return;
    case SYS_EXIT:
        printf("kernel: task exited with status %u\n", f->regs[4]);
        guest_exit();
    default:
        printf("kernel: unknown system call %u\n", f->regs[2]);
    }
}

int main(void)
{
    puts("kernel: mapping the task\n");
    tlb_clear();
    map_pair(0, TASK_VA, TASK_PA);
    map_pair(1, BUFFER_VA, BUFFER_PA);
    MTC0(C0_WIRED, 0, 2);
    MTC0(C0_PAGEMASK, 0, 0);
    printf("kernel: task %08x-%08x, buffer %08x-%08x, entering it at ASID %u\n", TASK_VA, TASK_VA + (2u << 20),
           BUFFER_VA, BUFFER_VA + (2u << 20), TASK_ASID);
    MTC0(C0_ENTRYHI, 0, TASK_ASID);
    MTC0(C0_EPC, 0, (u32)task_main);
    /* User mode, interrupts off; EXL keeps the kernel in kernel mode until ERET. */
    __asm__ volatile(
        "move $sp, %0\n\t"
        "mtc0 %1, $12\n\t"
        "ehb\n\t"
        "eret"
        :
        : "r"(STACK_TOP - 16), "r"(ST_KSU_USER | ST_EXL)
        : "memory");
    __builtin_unreachable();
}
