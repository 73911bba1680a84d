/* asid-wrap: its own small runtime (not common/): UART output, CP0 access, the reset register. */
#ifndef LIB_H
#define LIB_H
typedef unsigned int u32;
#define UART ((volatile unsigned char *)0xb80003f8)
static inline void putc_(char c) { while (!(UART[5] & 0x20)) {} UART[0] = (unsigned char)c; }
static inline void puts_(const char *s) { while (*s) { putc_(*s++); } }
static inline void puthex(u32 v) { for (int i = 28; i >= 0; i -= 4) putc_("0123456789abcdef"[(v >> i) & 15]); }
static inline void putdec(u32 v) { char b[12]; int n = 0; do { b[n++] = '0' + v % 10; v /= 10; } while (v); while (n) putc_(b[--n]); }
static inline void kv(const char *k, u32 v) { puts_(k); puts_("="); puthex(v); puts_("\n"); }
static inline void halt(void) { *(volatile u32 *)0xbf000500 = 0x42; for (;;) {} }
#define mfc0(r, s) ({ u32 _v; __asm__ volatile("mfc0 %0, $" #r ", " #s : "=r"(_v)); _v; })
#define mtc0(r, s, v) __asm__ volatile("mtc0 %0, $" #r ", " #s "\n\tehb" : : "r"((u32)(v)) : "memory")
#endif
