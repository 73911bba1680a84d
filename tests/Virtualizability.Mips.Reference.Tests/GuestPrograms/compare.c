/* Bare-metal program run both on qemu-system-mipsel -M malta -cpu 24Kc -kernel and on the reference
   interpreter; everything it prints must be identical. */
#define UART ((volatile unsigned char *)0xb80003f8)
#define UART_LSR_THRE 0x20

char stack[16384] __attribute__((aligned(16)));
volatile unsigned exception_log[8];
volatile unsigned exception_count;

__asm__(".section .text.start, \"ax\"\n"
        ".set noreorder\n"
        ".set noat\n"
        ".globl _start\n"
        "_start:\n"
        "  la $sp, stack + 16384\n"
        "  jal main\n"
        "  nop\n"
        "1: b 1b\n"
        "  nop\n"
        /* General exception handler: log Cause, skip the faulting instruction, return. */
        ".globl general_handler\n"
        "general_handler:\n"
        "  mfc0 $k0, $13\n"
        "  la $k1, exception_count\n"
        "  lw $k1, 0($k1)\n"
        "  sll $k1, $k1, 2\n"
        "  la $at, exception_log\n"
        "  addu $k1, $k1, $at\n"
        "  sw $k0, 0($k1)\n"
        "  la $k1, exception_count\n"
        "  lw $k0, 0($k1)\n"
        "  addiu $k0, $k0, 1\n"
        "  sw $k0, 0($k1)\n"
        "  mfc0 $k0, $14\n"
        "  addiu $k0, $k0, 4\n"
        "  mtc0 $k0, $14\n"
        "  ehb\n"
        "  eret\n"
        ".set reorder\n"
        ".set at\n"
        ".text\n");

extern char general_handler[];

static void put_char(char c)
{
    while (!(UART[5] & UART_LSR_THRE))
        ;
    UART[0] = c;
}

static void put_string(const char *s)
{
    while (*s)
        put_char(*s++);
}

static void put_hex(const char *label, unsigned value)
{
    put_string(label);
    put_string("=0x");
    for (int shift = 28; shift >= 0; shift -= 4)
        put_char("0123456789abcdef"[(value >> shift) & 15]);
    put_char('\n');
}

#define MFC0(reg, sel) ({ unsigned _v; __asm__ volatile("mfc0 %0, $" #reg ", " #sel : "=r"(_v)); _v; })

struct __attribute__((packed)) unaligned { char tag; unsigned value; };

static unsigned lcg_state = 12345;
static unsigned next_random(void) { lcg_state = lcg_state * 1103515245u + 12345u; return lcg_state >> 8; }

static void sort(unsigned *a, int n)
{
    for (int i = 1; i < n; i++) {
        unsigned key = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > key) { a[j + 1] = a[j]; j--; }
        a[j + 1] = key;
    }
}

int main(void)
{
    put_string("reference vs qemu\n");
    put_hex("status", MFC0(12, 0));
    put_hex("config0", MFC0(16, 0));
    put_hex("config1", MFC0(16, 1));
    put_hex("config2", MFC0(16, 2));
    put_hex("prid", MFC0(15, 0));
    put_hex("ebase", MFC0(15, 1));
    put_hex("intctl", MFC0(12, 1));

    unsigned values[12];
    for (int i = 0; i < 12; i++) values[i] = next_random();
    sort(values, 12);
    for (int i = 0; i < 12; i++) put_hex("sorted", values[i]);

    volatile unsigned a = 0x9abcdef1, b = 0x12345;
    unsigned long long product = (unsigned long long)a * b;
    put_hex("product_hi", (unsigned)(product >> 32));
    put_hex("product_lo", (unsigned)product);
    long long signed_product = (long long)(int)a * (int)b;
    put_hex("sproduct_hi", (unsigned)((unsigned long long)signed_product >> 32));
    put_hex("quotient", a / b);
    put_hex("remainder", a % b);
    put_hex("clz", __builtin_clz(b));

    unsigned hi, lo;
    __asm__ volatile("li $8, 1234\n mthi $0\n mtlo $0\n div $0, $8, $0\n mfhi %0\n mflo %1"
                     : "=r"(hi), "=r"(lo) : : "$8");
    put_hex("div0_hi", hi);
    put_hex("div0_lo", lo);

    static struct unaligned packed_data = { 'x', 0x11223344 };
    volatile struct unaligned *p = &packed_data;
    put_hex("unaligned", p->value);
    p->value = 0xcafebabe;
    put_hex("unaligned_store", p->value);

    unsigned ext, ins = 0xffffffff;
    __asm__ volatile("ext %0, %1, 8, 12" : "=r"(ext) : "r"(a));
    __asm__ volatile("ins %0, %1, 4, 8" : "+r"(ins) : "r"(b));
    put_hex("ext", ext);
    put_hex("ins", ins);

    /* Exceptions through a handler at EBase + 0x180 (BEV cleared). */
    unsigned jump = 0x08000000u | (((unsigned)general_handler >> 2) & 0x03ffffffu);
    ((volatile unsigned *)0x80000180)[0] = jump;
    ((volatile unsigned *)0x80000180)[1] = 0; /* delay slot: nop */
    __asm__ volatile("mtc0 $0, $12\n ehb");
    __asm__ volatile("syscall");
    __asm__ volatile("teq $0, $0");
    __asm__ volatile("break 7");
    __asm__ volatile(".word 0x44080000" : : : "$8"); /* mfc1 $8, $f0: no FPU */
    __asm__ volatile(".word 0x7c00003f"); /* reserved: SPECIAL3 function 0x3f */
    put_hex("exceptions", exception_count);
    /* Cause.IP2..IP7 reflect the board's interrupt lines (QEMU's i8259 may assert IP2 here), not the CPU. */
    for (unsigned i = 0; i < exception_count; i++) put_hex("cause", exception_log[i] & ~0xfc00u);

    put_string("done\n");
    *(volatile unsigned *)0xbf000500 = 0x42;
    for (;;)
        ;
}
