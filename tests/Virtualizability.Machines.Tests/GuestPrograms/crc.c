/* Compute-bound: CRC-32 (IEEE, bitwise, no table) over a 256 KiB buffer filled by a xorshift generator,
   four passes. The test computes the same CRC on the host and reports guest instructions per second. */
#include "malta.h"

GUEST_START

#define SIZE (256 * 1024)
static unsigned char buffer[SIZE];

int main(void)
{
    unsigned state = 2463534242u;
    for (int i = 0; i < SIZE; i++) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        buffer[i] = (unsigned char)state;
    }
    unsigned crc = 0;
    for (int pass = 0; pass < 4; pass++) {
        crc = ~crc;
        for (int i = 0; i < SIZE; i++) {
            crc ^= buffer[i];
            for (int bit = 0; bit < 8; bit++)
                crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
        }
        crc = ~crc;
        put_string("crc=");
        put_hex(crc);
        put_char('\n');
    }
    return 0;
}
