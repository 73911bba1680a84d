/* Console, printf-lite and defaults shared by the guest programs. */
#include "runtime.h"

#define UART ((volatile u8 *)0xb80003f8u) /* Malta 16550 at physical 0x180003f8 */
#define UART_THR 0
#define UART_LSR 5
#define LSR_THRE 0x20
#define MALTA_RESET ((volatile u32 *)0xbf000500u)

void putc(char c)
{
    while (!(UART[UART_LSR] & LSR_THRE))
        ;
    UART[UART_THR] = (u8)c;
}

void puts(const char *s)
{
    while (*s)
        putc(*s++);
}

static void put_number(u32 value, u32 base, int width, char pad, int negative)
{
    char digits[12];
    int n = 0;
    do {
        digits[n++] = "0123456789abcdef"[value % base];
        value /= base;
    } while (value != 0);
    if (negative)
        digits[n++] = '-';
    while (width > n) {
        putc(pad);
        width--;
    }
    while (n > 0)
        putc(digits[--n]);
}

void put_hex(u32 value)
{
    puts("0x");
    put_number(value, 16, 8, '0', 0);
}

void put_dec(u32 value) { put_number(value, 10, 0, ' ', 0); }

void vprintf(const char *fmt, va_list args)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            putc(*fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0;
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        switch (*fmt) {
        case 's': puts(va_arg(args, const char *)); break;
        case 'c': putc((char)va_arg(args, int)); break;
        case 'u': put_number(va_arg(args, u32), 10, width, pad, 0); break;
        case 'x': put_number(va_arg(args, u32), 16, width, pad, 0); break;
        case 'd': {
            s32 v = va_arg(args, s32);
            put_number(v < 0 ? 0u - (u32)v : (u32)v, 10, width, pad, v < 0);
            break;
        }
        case '%': putc('%'); break;
        case 0: return;
        default: putc('%'); putc(*fmt); break;
        }
    }
}

void printf(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    vprintf(fmt, args);
    va_end(args);
}

void guest_exit(void)
{
    *MALTA_RESET = 0x42;
    for (;;)
        ;
}

void *memset(void *d, int c, unsigned n)
{
    u8 *p = d;
    while (n--)
        *p++ = (u8)c;
    return d;
}

void *memcpy(void *d, const void *s, unsigned n)
{
    u8 *p = d;
    const u8 *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}

const char *exc_name(u32 code)
{
    static const char *const names[32] = {
        "Int", "Mod", "TLBL", "TLBS", "AdEL", "AdES", "IBE", "DBE", "Sys", "Bp", "RI", "CpU", "Ov", "Tr",
    };
    return code < 32 && names[code] ? names[code] : "?";
}

void tlb_clear(void)
{
    MTC0(C0_WIRED, 0, 0);
    MTC0(C0_PAGEMASK, 0, 0);
    MTC0(C0_ENTRYLO0, 0, 0);
    MTC0(C0_ENTRYLO1, 0, 0);
    for (u32 i = 0; i < 16; i++) {
        MTC0(C0_INDEX, 0, i);
        MTC0(C0_ENTRYHI, 0, 0x80000000u + (i << 13)); /* kseg0 is unmapped: these never match */
        __asm__ volatile("tlbwi\n\tehb" ::: "memory");
    }
    MTC0(C0_ENTRYHI, 0, 0);
}

void timer_arm(u32 interval)
{
    u32 compare;
    do {
        compare = MFC0(C0_COUNT, 0) + interval;
        MTC0(C0_COMPARE, 0, compare);
    } while ((s32)(MFC0(C0_COUNT, 0) - compare) >= 0);
}

/* Any exception a program does not expect: report it and end the run. */
__attribute__((weak)) void exception_handler(struct frame *f)
{
    u32 code = CAUSE_EXCCODE(f->cause);
    printf("unexpected exception %u (%s) at epc %x badvaddr %x\n", code, exc_name(code), f->epc, f->badvaddr);
    guest_exit();
}

/* 64-bit division without libgcc (Debian's mipsel libgcc.a is abicalls/hard-float code, which
   does not link cleanly with these -mno-abicalls -msoft-float objects): restoring shift-subtract
   division, one quotient bit per step. Division by zero gives quotient ~0 and remainder n, as
   MIPS DIVU leaves HI/LO unpredictable anyway. */
u64 __udivmoddi4(u64 n, u64 d, u64 *rem);
u64 __udivdi3(u64 n, u64 d);
u64 __umoddi3(u64 n, u64 d);
s64 __divdi3(s64 n, s64 d);
s64 __moddi3(s64 n, s64 d);

u64 __udivmoddi4(u64 n, u64 d, u64 *rem)
{
    u64 q = 0, r = 0;
    if (d == 0) {
        if (rem)
            *rem = n;
        return ~0ull;
    }
    for (int i = 63; i >= 0; i--) {
        r = (r << 1) | ((n >> i) & 1);
        if (r >= d) {
            r -= d;
            q |= 1ull << i;
        }
    }
    if (rem)
        *rem = r;
    return q;
}

u64 __udivdi3(u64 n, u64 d) { return __udivmoddi4(n, d, 0); }

u64 __umoddi3(u64 n, u64 d)
{
    u64 r;
    __udivmoddi4(n, d, &r);
    return r;
}

s64 __divdi3(s64 n, s64 d)
{
    u64 q = __udivmoddi4(n < 0 ? 0 - (u64)n : (u64)n, d < 0 ? 0 - (u64)d : (u64)d, 0);
    return (n < 0) != (d < 0) ? (s64)(0 - q) : (s64)q;
}

s64 __moddi3(s64 n, s64 d)
{
    u64 r;
    __udivmoddi4(n < 0 ? 0 - (u64)n : (u64)n, d < 0 ? 0 - (u64)d : (u64)d, &r);
    return n < 0 ? (s64)(0 - r) : (s64)r;
}
