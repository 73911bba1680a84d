/* Reads the UART until '.', echoing each byte in upper case: console input through LSR.DR and RBR. */
#include "malta.h"

GUEST_START

int main(void)
{
    put_string("ready\n");
    for (;;) {
        while (!(UART[UART_LSR] & UART_LSR_DR))
            ;
        char c = (char)UART[0];
        if (c == '.')
            break;
        put_char(c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
    }
    put_string("\nbye\n");
    return 0;
}
