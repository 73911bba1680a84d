/* Console output the YAMON way: through the boot ROM's service table at 0xbfc00500 (print_count at +0x04, print at
   +0x34), as programs written for the Malta's YAMON firmware do; no UART code of its own. Toolchain defaults (PIC). */
typedef void (*print_count_t)(int port, const char *s, int count);
typedef void (*print_t)(int port, const char *s);
typedef int (*flush_cache_t)(void);
#define SERVICE(offset) (*(void **)(0xbfc00500 + (offset)))

static void hex(unsigned v, char *out) { for (int i = 0; i < 8; i++) out[i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15]; }

void __start(void)
{
    print_count_t print_count = (print_count_t)SERVICE(0x04);
    print_t print = (print_t)SERVICE(0x34);
    flush_cache_t flush_cache = (flush_cache_t)SERVICE(0x2c);
    print_count(0, "print_count: 12 bytes of this", 12);
    print(0, "\nprint: a whole string\n");
    char line[] = "service 0x04 at xxxxxxxx, 0x34 at xxxxxxxx, flush_cache returns xxxxxxxx\n";
    hex((unsigned)print_count, line + 16);
    hex((unsigned)print, line + 34);
    hex((unsigned)flush_cache(), line + 64);
    print(0, line);
    *(volatile unsigned *)0xbf000500 = 0x42;
    for (;;) ;
}
