/* Arithmetic and sorting in C, printed on the UART; the test knows the answers. */
#include "malta.h"

GUEST_START

static unsigned seed = 12345;

static unsigned next_random(void)
{
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7fff;
}

static void quicksort(int *a, int lo, int hi)
{
    while (lo < hi) {
        int pivot = a[(lo + hi) / 2], i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                int t = a[i];
                a[i++] = a[j];
                a[j--] = t;
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

static unsigned fib(unsigned n)
{
    unsigned a = 0, b = 1;
    while (n--) {
        unsigned t = a + b;
        a = b;
        b = t;
    }
    return a;
}

static unsigned gcd(unsigned a, unsigned b)
{
    while (b) {
        unsigned t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static int data[2000];

int main(void)
{
    put_string("fib(40)=");
    put_unsigned(fib(40));
    put_string("\ngcd(1071,462)=");
    put_unsigned(gcd(1071, 462));

    int primes = 0;
    for (int n = 2; n < 10000; n++) {
        int prime = 1;
        for (int d = 2; d * d <= n; d++)
            if (n % d == 0) { prime = 0; break; }
        primes += prime;
    }
    put_string("\nprimes<10000=");
    put_unsigned(primes);

    put_string("\n-7/2=");
    volatile int minus_seven = -7;
    put_unsigned((unsigned)(minus_seven / 2));
    put_string(" -7%2=");
    put_unsigned((unsigned)(minus_seven % 2));
    put_string(" 0x12345678*0x9abc=");
    volatile unsigned long long x = 0x12345678;
    unsigned long long product = x * 0x9abcu;
    put_hex((unsigned)(product >> 32));
    put_hex((unsigned)product);

    unsigned sum = 0;
    for (int i = 0; i < 2000; i++) {
        data[i] = (int)next_random() - 16384;
        sum += (unsigned)data[i];
    }
    quicksort(data, 0, 1999);
    int sorted = 1;
    unsigned sum_after = 0;
    for (int i = 0; i < 2000; i++) {
        sum_after += (unsigned)data[i];
        if (i > 0 && data[i - 1] > data[i]) sorted = 0;
    }
    put_string("\nsorted=");
    put_string(sorted && sum == sum_after ? "yes" : "no");
    put_string(" min=");
    put_hex((unsigned)data[0]);
    put_string(" max=");
    put_hex((unsigned)data[1999]);
    put_string(" median=");
    put_hex((unsigned)data[1000]);
    put_string("\ndone\n");
    return 0;
}
