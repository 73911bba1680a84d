/*
 * Console input by interrupt, through the Malta's interrupt controllers: the 16550 raises ISA IRQ 4 on received
 * data, the PIIX4's 8259s (programmed here as Linux does: vectors 0..15, slave on IR2) pass it to the CPU's
 * hardware interrupt 0 (Cause.IP2), and the handler takes the vector from the GT-64120's interrupt-acknowledge
 * register, drains the UART and sends the 8259 an end of interrupt. The line ends at '\n'; then, with interrupts
 * off in Status, one more byte is taken by polling the 8259 (OCW3 poll), and the program prints what it got.
 */
#include "malta.h"

GUEST_START

#define IO(port) (*(volatile unsigned char *)(0xb8000000u + (port)))
#define GT_PCI0_IACK (*(volatile unsigned *)0xbbe00c34u)

static volatile char line[64];
static volatile int length;
static volatile int done;
static volatile int interrupts;

/* The general exception vector at EBase + 0x180 saves the registers C may clobber and calls interrupt(). */
__asm__(".text\n"
        ".set noreorder\n"
        ".set noat\n"
        ".balign 4096\n"
        "vectors:\n"
        ".space 0x180\n"
        "  addiu $sp, $sp, -88\n"
        "  sw $1, 0($sp)\n  sw $2, 4($sp)\n  sw $3, 8($sp)\n  sw $4, 12($sp)\n  sw $5, 16($sp)\n"
        "  sw $6, 20($sp)\n  sw $7, 24($sp)\n  sw $8, 28($sp)\n  sw $9, 32($sp)\n  sw $10, 36($sp)\n"
        "  sw $11, 40($sp)\n  sw $12, 44($sp)\n  sw $13, 48($sp)\n  sw $14, 52($sp)\n  sw $15, 56($sp)\n"
        "  sw $24, 60($sp)\n  sw $25, 64($sp)\n  sw $31, 68($sp)\n"
        "  mfhi $8\n  sw $8, 72($sp)\n  mflo $8\n  sw $8, 76($sp)\n"
        "  mfc0 $4, $13\n"
        "  jal interrupt\n"
        "  nop\n"
        "  lw $8, 72($sp)\n  mthi $8\n  lw $8, 76($sp)\n  mtlo $8\n"
        "  lw $1, 0($sp)\n  lw $2, 4($sp)\n  lw $3, 8($sp)\n  lw $4, 12($sp)\n  lw $5, 16($sp)\n"
        "  lw $6, 20($sp)\n  lw $7, 24($sp)\n  lw $8, 28($sp)\n  lw $9, 32($sp)\n  lw $10, 36($sp)\n"
        "  lw $11, 40($sp)\n  lw $12, 44($sp)\n  lw $13, 48($sp)\n  lw $14, 52($sp)\n  lw $15, 56($sp)\n"
        "  lw $24, 60($sp)\n  lw $25, 64($sp)\n  lw $31, 68($sp)\n"
        "  addiu $sp, $sp, 88\n"
        "  eret\n"
        ".set at\n"
        ".set reorder\n");

extern char vectors[];

static void put_hex2(unsigned value)
{
    put_char("0123456789abcdef"[(value >> 4) & 15]);
    put_char("0123456789abcdef"[value & 15]);
}

void interrupt(unsigned cause)
{
    if (((cause >> 2) & 31) != 0 || !(cause & (1u << 10))) {
        put_string("unexpected exception, Cause ");
        put_hex(cause);
        malta_exit();
    }
    unsigned vector = GT_PCI0_IACK & 0xff;  /* INTA: IRQ 4 goes in service */
    unsigned iir = UART[2];
    while (!done && (UART[UART_LSR] & UART_LSR_DR)) {
        char c = (char)UART[0];
        if (c == '\n') {
            done = 1;
            UART[1] = 0;                      /* no more receive interrupts */
        } else if (length < 63) {
            line[length++] = c;
        }
    }
    IO(0x20) = 0x20;                         /* non-specific EOI */
    interrupts++;
    if (interrupts == 1) {
        put_string("first interrupt: vector ");
        put_hex2(vector);
        put_string(", IIR ");
        put_hex2(iir);
        put_char('\n');
    }
}

static unsigned status(void)
{
    unsigned s;
    __asm__ volatile("mfc0 %0, $12" : "=r"(s));
    return s;
}

static void set_status(unsigned s)
{
    __asm__ volatile("mtc0 %0, $12\n ehb" : : "r"(s));
}

int main(void)
{
    __asm__ volatile("mtc0 %0, $15, 1" : : "r"(vectors));     /* EBase, written while BEV = 1 */
    /* The 8259s as Linux's init_8259A leaves them: ICW1 edge/cascade/ICW4, vectors 0 and 8, slave on IR2, 8086 mode. */
    IO(0x20) = 0x11; IO(0x21) = 0x00; IO(0x21) = 0x04; IO(0x21) = 0x01;
    IO(0xa0) = 0x11; IO(0xa1) = 0x08; IO(0xa1) = 0x02; IO(0xa1) = 0x01;
    IO(0x21) = (unsigned char)~((1 << 4) | (1 << 2));              /* unmask IRQ 4 and the cascade */
    IO(0xa1) = 0xff;
    put_string("masks ");
    put_hex2(IO(0x21));
    put_hex2(IO(0xa1));
    put_char('\n');
    UART[4] = 0x0b;                                               /* DTR, RTS, OUT2 */
    UART[1] = 0x01;                                               /* interrupt on received data */
    set_status((1u << 10) | 1);                                    /* BEV = 0, IM2, IE */
    while (!done)
        ;
    set_status(status() & ~1u);                                    /* interrupts off: poll from here */
    put_string("line '");
    for (int i = 0; i < length; i++)
        put_char(line[i]);
    put_string("' in ");
    put_string(interrupts >= 1 ? "interrupts\n" : "nothing\n");

    while (!(UART[UART_LSR] & UART_LSR_DR))
        ;
    UART[1] = 0x01;                                               /* the UART requests IRQ 4 again */
    IO(0x20) = 0x0c;                                              /* OCW3: poll */
    unsigned poll = IO(0x20);
    char c = (char)UART[0];
    IO(0x20) = 0x20;
    put_string("poll ");
    put_hex2(poll);
    put_string(" byte '");
    put_char(c);
    put_string("' Cause.IP2 ");
    unsigned cause;
    __asm__ volatile("mfc0 %0, $13" : "=r"(cause));
    put_char((cause & (1u << 10)) ? '1' : '0');
    put_char('\n');
    return 0;
}
