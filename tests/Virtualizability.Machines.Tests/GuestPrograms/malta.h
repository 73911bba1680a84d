/* Bare-metal console and exit on a Malta board: the 16550 at kseg1 0xb80003f8 and the FPGA reset register. */
#define UART ((volatile unsigned char *)0xb80003f8)
#define UART_LSR 5
#define UART_LSR_DR 0x01
#define UART_LSR_THRE 0x20
#define MALTA_RESET (*(volatile unsigned *)0xbf000500)

/* Every guest starts here: a stack of its own (not the loader's), then main, then the reset register. */
#define GUEST_START                                         \
    char stack[16384] __attribute__((aligned(16)));         \
    __asm__(".section .text.start, \"ax\"\n"                \
            ".set noreorder\n"                              \
            ".globl _start\n"                               \
            "_start:\n"                                     \
            "  la $sp, stack + 16384\n"                     \
            "  jal main\n"                                  \
            "  nop\n"                                       \
            "  jal malta_exit\n"                            \
            "  nop\n"                                       \
            ".set reorder\n"                                \
            ".text\n");

static void put_char(char c)
{
    while (!(UART[UART_LSR] & UART_LSR_THRE))
        ;
    UART[0] = c;
}

static void put_string(const char *s)
{
    while (*s)
        put_char(*s++);
}

static void put_unsigned(unsigned value)
{
    char digits[10];
    int n = 0;
    do {
        digits[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    while (n)
        put_char(digits[--n]);
}

static void put_hex(unsigned value)
{
    for (int shift = 28; shift >= 0; shift -= 4)
        put_char("0123456789abcdef"[(value >> shift) & 15]);
}

void malta_exit(void)
{
    MALTA_RESET = 0x42;
    for (;;)
        ;
}
