/* The user-mode task of user-compute: fills a 1 MiB buffer with xorshift32 words, then runs table-driven CRC32
   (IEEE 802.3) over it in three chained passes (each continues from the previous CRC, like
   zlib.crc32(buffer, previous)) and a 32-bit word sum, printing through SYSCALL (v0 = number, a0 = argument). */
typedef unsigned int u32;
typedef unsigned char u8;

enum { SYS_PUTS = 1, SYS_EXIT = 2 };

#define BUFFER ((u32 *)0x01000000u)
#define BUFFER_BYTES (1u << 20)
#define PASSES 3

static u32 table[256];

static u32 syscall1(u32 number, u32 arg)
{
    register u32 v0 __asm__("$2") = number;
    register u32 a0 __asm__("$4") = arg;
    __asm__ volatile("syscall" : "+r"(v0) : "r"(a0) : "memory");
    return v0;
}

/* Prints "task: <text><8 hex digits>\n", built on the user stack. */
static void print_hex(const char *text, u32 value)
{
    char line[64];
    u32 i = 0;
    for (const char *p = "task: "; *p; p++)
        line[i++] = *p;
    for (const char *p = text; *p; p++)
        line[i++] = *p;
    for (int shift = 28; shift >= 0; shift -= 4)
        line[i++] = "0123456789abcdef"[(value >> shift) & 15];
    line[i++] = '\n';
    line[i] = 0;
    syscall1(SYS_PUTS, (u32)line);
}

static u32 crc32_update(u32 crc, const u8 *p, u32 n)
{
    crc = ~crc;
    while (n--)
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

__attribute__((section(".text.entry"), noreturn)) void task_main(void)
{
    syscall1(SYS_PUTS, (u32) "task: computing in user mode\n");
    for (u32 i = 0; i < 256; i++) {
        u32 c = i;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
        table[i] = c;
    }
    u32 x = 0x12345678u, sum = 0;
    for (u32 i = 0; i < BUFFER_BYTES / 4; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        BUFFER[i] = x;
        sum += x;
    }
    print_hex("buffer filled, word sum ", sum);
    static const char *const labels[PASSES] = { "pass 1 crc32 ", "pass 2 crc32 ", "pass 3 crc32 " };
    u32 crc = 0;
    for (int pass = 0; pass < PASSES; pass++) {
        crc = crc32_update(crc, (const u8 *)BUFFER, BUFFER_BYTES);
        print_hex(labels[pass], crc);
    }
    syscall1(SYS_EXIT, 0);
    for (;;)
        ;
}
