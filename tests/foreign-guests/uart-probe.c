/* A console driver the way bare-metal code is usually written for the Malta 16550, and a probe of the board's
   registers. Built with the toolchain's defaults (abicalls, PIC, $gp from $t9). */
typedef unsigned int u32;
typedef unsigned char u8;
#define UART ((volatile u8 *)0xb80003f8)
enum { RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };
static void putc_(char c) { while (!(UART[LSR] & 0x20)) ; UART[THR] = c; while (!(UART[LSR] & 0x40)) ; }
static void puts_(const char *s) { while (*s) putc_(*s++); }
static void hex(u32 v) { for (int i = 28; i >= 0; i -= 4) putc_("0123456789abcdef"[(v >> i) & 15]); }
static void show(const char *name, u32 v) { puts_(name); puts_(" = "); hex(v); puts_("\n"); }
static u32 rd(u32 a) { return *(volatile u32 *)a; }
static u8 rdb(u32 a) { return *(volatile u8 *)a; }
static void wr(u32 a, u32 v) { *(volatile u32 *)a = v; }
static const char *base(const char *p) { const char *b = p; for (; *p; p++) if (*p == '/') b = p + 1; return b; }

void __start(int argc, char **argv, char **envp, u32 memsize)
{
    UART[IER] = 0;
    UART[LCR] = 0x80;                 /* DLAB: the next two writes set the divisor */
    UART[DLL] = 3; UART[DLM] = 0;     /* 38400 baud */
    putc_('x');                       /* goes to DLL while DLAB is set: not printed */
    u8 dll = UART[DLL], dlm = UART[DLM];
    UART[LCR] = 0x03;                 /* 8N1, DLAB off */
    UART[FCR] = 0x07;                 /* FIFOs on and reset */
    UART[MCR] = 0x0b;                 /* DTR, RTS, OUT2 */
    show("divisor latch", dll | dlm << 8);
    show("IER", UART[IER]); show("IIR", UART[IIR]); show("LCR", UART[LCR]); show("MCR", UART[MCR]);
    show("LSR", UART[LSR]); show("MSR", UART[MSR]);
    UART[SCR] = 0x5a; show("SCR", UART[SCR]);
    show("RBR (no input)", UART[RBR]);
    show("argc", argc); show("a3 (memsize)", memsize);
    puts_("argv[0] file: "); puts_(base(argv[0])); puts_("\n");
    puts_("argv[1]: '"); puts_(argv[1]); puts_("'\n");
    for (int i = 0; envp[i] && i < 6; i++) { puts_("envp: "); puts_(envp[i]); puts_("\n"); }
    show("board revision (0x1fc00010)", rd(0xbfc00010));
    show("GT CPU interface (0x000)", rd(0xbbe00000));
    show("GT PCI I/O low (0x048)", rd(0xbbe00048));
    show("GT internal space (0x068)", rd(0xbbe00068));
    show("GT PCI command (0xc00)", rd(0xbbe00c00));
    show("GT PCI config data (0xcfc)", rd(0xbbe00cfc));
    wr(0xbbe00cf8, 0x80000000); show("GT PCI config address", rd(0xbbe00cf8));
    show("GT byte 0x048", rdb(0xbbe00048));
    wr(0xbf000408, 0x155);            /* LED bar: keeps the low byte */
    show("LED bar", rd(0xbf000408));
    show("FPGA status", rd(0xbf000208)); show("FPGA BRKRES", rd(0xbf000508)); show("FPGA switches", rd(0xbf000200));
    for (int i = 0; i < 8; i++) wr(0xbf000418 + 8 * i, "BAREMETL"[i]);   /* ASCII display */
    show("FPGA 0x1f000500 before reset", rd(0xbf000500) & 0);
    u32 prid, c0, c1, c2;
    __asm__ volatile("mfc0 %0, $15, 0" : "=r"(prid));
    __asm__ volatile("mfc0 %0, $16, 0" : "=r"(c0));
    __asm__ volatile("mfc0 %0, $16, 1" : "=r"(c1));
    __asm__ volatile("mfc0 %0, $16, 2" : "=r"(c2));
    show("PRId", prid); show("Config0", c0); show("Config1", c1); show("Config2", c2);
    wr(0xbf000500, 0x42);
    for (;;) ;
}
