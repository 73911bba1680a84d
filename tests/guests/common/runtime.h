/* Tiny shared runtime of the bare-metal guest programs: Malta 16550 console output, printf-lite,
   CP0 access and the exception frame built by vectors.S. Everything here runs in kernel mode. */
#ifndef GUEST_RUNTIME_H
#define GUEST_RUNTIME_H

#include <stdarg.h>

typedef unsigned int u32;
typedef int s32;
typedef unsigned long long u64;
typedef long long s64;
typedef unsigned char u8;

#define KSEG0(pa) ((u32)(pa) | 0x80000000u)
#define KSEG1(pa) ((u32)(pa) | 0xa0000000u)
#define PHYS(va) ((u32)(va) & 0x1fffffffu)

/* CP0 registers (number, select) as used here. */
#define C0_INDEX 0
#define C0_RANDOM 1
#define C0_ENTRYLO0 2
#define C0_ENTRYLO1 3
#define C0_CONTEXT 4
#define C0_PAGEMASK 5
#define C0_WIRED 6
#define C0_BADVADDR 8
#define C0_COUNT 9
#define C0_ENTRYHI 10
#define C0_COMPARE 11
#define C0_STATUS 12
#define C0_CAUSE 13
#define C0_EPC 14

#define MFC0(reg, sel) ({ u32 _v; __asm__ volatile("mfc0 %0, $%1, %2" : "=r"(_v) : "i"(reg), "i"(sel) : "memory"); _v; })
#define MTC0(reg, sel, value) __asm__ volatile("mtc0 %z0, $%1, %2\n\tehb" : : "Jr"((u32)(value)), "i"(reg), "i"(sel) : "memory")

#define ST_IE 0x1u
#define ST_EXL 0x2u
#define ST_ERL 0x4u
#define ST_KSU_USER 0x10u
#define ST_IM(n) (0x100u << (n))
#define ST_BEV 0x00400000u
#define CAUSE_BD 0x80000000u
#define CAUSE_TI 0x40000000u
#define CAUSE_CE(c) (((c) >> 28) & 3u)
#define CAUSE_IP(n) (0x100u << (n))
#define CAUSE_EXCCODE(c) (((c) >> 2) & 31u)

enum { EXC_INT = 0, EXC_MOD = 1, EXC_TLBL = 2, EXC_TLBS = 3, EXC_ADEL = 4, EXC_ADES = 5, EXC_SYS = 8,
       EXC_BP = 9, EXC_RI = 10, EXC_CPU = 11, EXC_OV = 12, EXC_TR = 13 };

/* EntryLo bits. */
#define ELO_G 0x1u
#define ELO_V 0x2u
#define ELO_D 0x4u
#define ELO_CACHED (3u << 3)
#define ELO_PFN(pa) (((u32)(pa) >> 12) << 6)

/* Saved state of an exception, built by vectors.S; the handler may change any field, and the
   values are restored (EPC and Status too) before ERET. */
struct frame {
    u32 regs[32]; /* regs[0] holds the vector: 0 = TLB refill (EBase + 0), 1 = general (EBase + 0x180),
                     2 = interrupt (EBase + 0x200, Cause.IV = 1) */
    u32 hi, lo;
    u32 epc, cause, status, badvaddr;
};

/* Called by vectors.S for every exception; weak default in runtime.c reports and ends the run. */
void exception_handler(struct frame *f);

const char *exc_name(u32 code);
void putc(char c);
void puts(const char *s);
void put_hex(u32 value);          /* 0x + 8 digits */
void put_dec(u32 value);
void printf(const char *fmt, ...); /* %s %c %d %u %x %08x %%, width and '0' flag for numbers */
void vprintf(const char *fmt, va_list args);
void guest_exit(void) __attribute__((noreturn)); /* writes 0x42 to the Malta reset register */
void *memset(void *d, int c, unsigned n);
void *memcpy(void *d, const void *s, unsigned n);

/* Compare = Count + interval, so that the timer interrupt (IP7) comes interval Count ticks from now;
   also acknowledges a pending one. On QEMU, Count follows host time: if the host stalled between
   reading Count and writing Compare, Count may already be past it (the interrupt would then come
   only after Count wraps), so the write is repeated until it lies ahead. */
void timer_arm(u32 interval);

/* Invalidates every TLB entry with a unique kseg0 EntryHi (never matched); Wired = 0. */
void tlb_clear(void);

#endif
