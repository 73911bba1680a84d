/* Ordinary freestanding C as people write it: .data, a large .bss, small data (-G8 puts counter and small_bss in
   .sdata/.sbss when not PIC), switch tables, function pointers, struct returns (memcpy), recursion, and 64-bit
   division from libgcc (-lgcc). The start-up code (start-abicalls.S or start-small-data.S) clears .bss and calls main. */
typedef unsigned int u32; typedef unsigned long long u64;
#define UART ((volatile unsigned char *)0xb80003f8)
extern char __bss_start[], _end[];
void putch(char c) { while (!(UART[5] & 0x40)) ; UART[0] = c; }
void puts_(const char *s) { while (*s) putch(*s++); }
void putu64(u64 v) { char b[24]; int n = 0; do { b[n++] = '0' + v % 10; v /= 10; } while (v); while (n) putch(b[--n]); }
void puti(long long v) { if (v < 0) { putch('-'); v = -v; } putu64(v); }
int counter = 7;                 /* .data / .sdata */
static int zeroed[1000];         /* .bss */
short small_bss;                 /* .sbss with -G8 */
const char *names[] = { "zero", "one", "two", "three", "four", "five", "six" };
static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static int op(int k, int a, int b) {
    switch (k) { case 0: return a + b; case 1: return a - b; case 2: return a * b; case 3: return b ? a / b : 0;
                 case 4: return a % (b ? b : 1); case 5: return a << (b & 31); case 6: return a >> (b & 31); default: return -1; }
}
typedef int (*fn)(int);
static int twice(int x) { return 2 * x; }
static int sq(int x) { return x * x; }
fn table[] = { twice, sq };
struct big { int a[20]; };
struct big mk(int s) { struct big b; for (int i = 0; i < 20; i++) b.a[i] = s + i; return b; }
int main(int argc) {
    puts_("calc start argc="); puti(argc); puts_("\n");
    int nz = 0; for (int i = 0; i < 1000; i++) nz += zeroed[i] != 0;
    puts_("bss nonzero="); puti(nz); puts_(" small="); puti(small_bss); puts_(" counter="); puti(counter++); puts_("\n");
    for (int k = 0; k < 8; k++) { puts_(k < 7 ? names[k] : "other"); puts_(": "); puti(op(k, 1234567, 89)); puts_("\n"); }
    u64 x = 0x123456789abcdefULL; u64 y = 1000003;
    puts_("div64 "); putu64(x / y); puts_(" mod "); putu64(x % y); puts_("\n");
    long long sx = -0x123456789abLL; puts_("sdiv64 "); puti(sx / 777); puts_(" smod "); puti(sx % 777); puts_("\n");
    puts_("fib20="); puti(fib(20)); puts_("\n");
    for (int i = 0; i < 2; i++) { puts_("fn "); puti(table[i](counter)); puts_("\n"); }
    struct big b = mk(counter); int s = 0; for (int i = 0; i < 20; i++) s += b.a[i]; puts_("big "); puti(s); puts_("\n");
    u32 h = 2166136261u; for (int i = 0; i < 100000; i++) h = (h ^ (i & 0xff)) * 16777619u; puts_("fnv "); putu64(h); puts_("\n");
    return 0;
}
void *memset(void *d, int c, unsigned n) { char *p = d; while (n--) *p++ = c; return d; }
void *memcpy(void *d, const void *s, unsigned n) { char *p = d; const char *q = s; while (n--) *p++ = *q++; return d; }
