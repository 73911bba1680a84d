/* Integer arithmetic, 64-bit multiply/divide (libgcc's __udivdi3/__divdi3/__umoddi3), an insertion
   sort and a quicksort of pseudo-random data, and CRC32 (IEEE 802.3, reflected, poly 0xedb88320). */
#include "../common/runtime.h"

static u32 lcg_state = 12345;
static u32 next_random(void)
{
    lcg_state = lcg_state * 1103515245u + 12345u;
    return lcg_state >> 8;
}

static void insertion_sort(u32 *a, int n)
{
    for (int i = 1; i < n; i++) {
        u32 key = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > key) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = key;
    }
}

static void quicksort(s32 *a, int lo, int hi)
{
    while (lo < hi) {
        s32 pivot = a[lo + (hi - lo) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                s32 t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
}

static u32 crc32(const u8 *p, u32 n)
{
    u32 crc = 0xffffffffu;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

static void print_u64(const char *label, u64 v)
{
    printf("%s=0x%08x%08x\n", label, (u32)(v >> 32), (u32)v);
}

/* Keeps the compiler from folding the arithmetic at compile time. */
static volatile u32 inputs[] = { 123456789u, 987654321u, 0xdeadbeefu, 7u, 0x80000000u, 0xffffffffu };
#define IN(i) (inputs[i])

int main(void)
{
    puts("arith-sort\n");

    u32 a = IN(0), b = IN(1), c = IN(2), d = IN(3);
    printf("add %u+%u=%u\n", a, b, a + b);
    printf("sub %u-%u=%d\n", a, b, (s32)(a - b));
    printf("mul %u*%u=0x%08x\n", a, d, a * d);
    printf("div %u/%u=%u rem %u\n", b, d, b / d, b % d);
    printf("sdiv %d/%d=%d rem %d\n", (s32)c, (s32)d, (s32)c / (s32)d, (s32)c % (s32)d);
    printf("shifts %x %x %x\n", c << 4, c >> 4, (u32)((s32)c >> 4));
    print_u64("umul64", (u64)a * b);
    print_u64("smul64", (u64)((s64)(s32)c * (s64)(s32)IN(4)));
    u64 big = ((u64)c << 32) | b;
    print_u64("udiv64", big / a);
    print_u64("umod64", big % a);
    print_u64("sdiv64", (u64)(-(s64)big / (s64)d));
    print_u64("smod64", (u64)(-(s64)big % (s64)d));
    print_u64("max64/7", (u64)~0ull / IN(3));
    u32 e = IN(5);
    printf("clz %u %u %u\n", (u32)__builtin_clz(IN(4)), (u32)__builtin_clz(d), (u32)__builtin_clz(e));

    static u32 numbers[64];
    for (int i = 0; i < 64; i++)
        numbers[i] = next_random() % 1000;
    insertion_sort(numbers, 64);
    puts("insertion sort:");
    for (int i = 0; i < 64; i++)
        printf(" %u", numbers[i]);
    putc('\n');

    static s32 values[1000];
    for (int i = 0; i < 1000; i++)
        values[i] = (s32)(next_random() % 200001) - 100000;
    quicksort(values, 0, 999);
    int sorted = 1;
    u32 sum = 0;
    for (int i = 0; i < 1000; i++) {
        if (i > 0 && values[i - 1] > values[i])
            sorted = 0;
        sum += (u32)values[i];
    }
    printf("quicksort: sorted=%d min=%d median=%d max=%d sum=%d\n", sorted, values[0], values[500], values[999],
           (s32)sum);

    printf("crc32(\"123456789\")=%08x\n", crc32((const u8 *)"123456789", 9));
    static u8 block[4096];
    for (int i = 0; i < 4096; i++)
        block[i] = (u8)(i * 7 + (i >> 8));
    printf("crc32(block)=%08x\n", crc32(block, sizeof block));
    puts("done\n");
    return 0;
}
