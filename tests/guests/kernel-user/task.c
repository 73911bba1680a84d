/* The user-mode task: runs at ASID 1 in kuseg (text at 0x00400000, data at 0x00410000, stack below
   0x80000000) and reaches the kernel only through SYSCALL (v0 = number, a0 = argument, v0 = result). */
typedef unsigned int u32;

enum { SYS_PUTS = 1, SYS_TICKS = 2, SYS_EXIT = 3, SYS_TIMER = 4 };

static u32 syscall1(u32 number, u32 arg)
{
    register u32 v0 __asm__("$2") = number;
    register u32 a0 __asm__("$4") = arg;
    __asm__ volatile("syscall" : "+r"(v0) : "r"(a0) : "memory");
    return v0;
}

static void print(const char *s) { syscall1(SYS_PUTS, (u32)s); }

/* A line "task: <text><number>\n" built on the user stack. */
static void print_number(const char *text, u32 n)
{
    char line[64];
    char digits[12];
    u32 i = 0, k = 0;
    for (const char *p = "task: "; *p; p++)
        line[i++] = *p;
    for (const char *p = text; *p; p++)
        line[i++] = *p;
    do {
        digits[k++] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    while (k)
        line[i++] = digits[--k];
    line[i++] = '\n';
    line[i] = 0;
    print(line);
}

u32 counter = 41;              /* in the data page: mapped read-only, copied on the first write */
volatile u32 spins;

__attribute__((section(".text.entry"), noreturn)) void task_main(void)
{
    print("task: hello from user mode\n");
    print_number("counter = ", counter);
    counter = counter + 1;
    print_number("counter after write = ", counter);
    print_number("ticks before the timer = ", syscall1(SYS_TICKS, 0));
    syscall1(SYS_TIMER, 3);
    while (syscall1(SYS_TICKS, 0) < 3)
        for (u32 i = 0; i < 1000; i++) /* busy work between the polls */
            spins++;
    print_number("ticks seen = ", syscall1(SYS_TICKS, 0));
    print("task: reading kernel memory\n");
    u32 secret = 12345;
    __asm__ volatile("lw %0, 0(%1)" : "+r"(secret) : "r"(0x80000000u) : "memory");
    print_number("the load was skipped, value = ", secret);
    print("task: writing my own code\n");
    __asm__ volatile("sw $0, 0(%0)" : : "r"(&task_main) : "memory");
    print("task: exiting\n");
    syscall1(SYS_EXIT, 7);
    for (;;)
        ;
}
