/* Compute-bound benchmark: table-driven CRC32 (IEEE 802.3) over a 4 MiB buffer, four chained passes
   (each pass continues from the previous CRC, like zlib.crc32(buffer, previous)). */
#include "../common/runtime.h"

#define BUFFER_SIZE (4u << 20)
#define PASSES 4

static u8 buffer[BUFFER_SIZE] __attribute__((aligned(16)));
static u32 table[256];

static u32 crc32_update(u32 crc, const u8 *p, u32 n)
{
    crc = ~crc;
    while (n--)
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

int main(void)
{
    puts("crc-bench\n");
    for (u32 i = 0; i < 256; i++) {
        u32 c = i;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
        table[i] = c;
    }
    u32 x = 0x12345678u; /* xorshift32 fill */
    u32 *words = (u32 *)buffer;
    for (u32 i = 0; i < BUFFER_SIZE / 4; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        words[i] = x;
    }
    u32 crc = 0;
    for (int pass = 1; pass <= PASSES; pass++) {
        crc = crc32_update(crc, buffer, BUFFER_SIZE);
        printf("pass %d crc32=%08x\n", pass, crc);
    }
    puts("done\n");
    return 0;
}
