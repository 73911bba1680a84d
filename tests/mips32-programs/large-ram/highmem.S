# RAM beyond 256 MiB on a Malta with 768 MiB (`-m 768`, `--memory 768M`), reached through the TLB:
# QEMU maps the whole RAM at physical 0x80000000 (its first 256 MiB aliasing physical 0) and the part
# above 512 MiB also at physical 0x20000000. kseg2 pages, one TLB entry (G = 1, uncached) each:
#   VA 0xc0000000 -> PA 0x80000000 (RAM offset 0: the alias of kseg0 0x80000000)
#   VA 0xc0001000 -> PA 0x90000000 (RAM offset 256 MiB, beyond the low window)
#   VA 0xc0002000 -> PA 0x20000000 (RAM offset 512 MiB, after the I/O hole)
#   VA 0xc0003000 -> PA 0xa0000000 (RAM offset 512 MiB again, through the high window)
# Expected final registers (all others 0):
#   r2=11111111 (kseg0 store read through the high alias) r3=22222222 (store/load at offset 256 MiB)
#   r4=33333333 (post-I/O-hole store read through the high window) r5=44444444 (and back)
#   r6=00000000 (offset 256 MiB is not in the low window: kseg1 0xb0000000 is the I/O hole)
#   r7=10000000 (a3 at entry: the RAM below the I/O hole, 256 MiB)
        .set    noreorder
        .set    noat
        .text
        .globl  _start
_start:
        lui     $26, 0x8000
        sw      $7, 0x200($26)          # keep a3 from the -kernel entry across start.inc
        .include "../common/start.inc"
        lui     $26, 0x8000
        lw      $7, 0x200($26)
        mtc0    $0, $5                  # PageMask: 4 KiB
        mtc0    $0, $6                  # Wired = 0
        # Entry 0: VPN2 0xc0000000 -> even PA 0x80000000, odd PA 0x90000000; C = 2 (uncached), D, V, G.
        li      $8, 0xc0000000
        mtc0    $8, $10                 # EntryHi
        li      $8, (0x80000 << 6) | 0x17
        mtc0    $8, $2                  # EntryLo0
        li      $8, (0x90000 << 6) | 0x17
        mtc0    $8, $3                  # EntryLo1
        mtc0    $0, $0                  # Index 0
        ehb
        tlbwi
        # Entry 1: VPN2 0xc0002000 -> even PA 0x20000000, odd PA 0xa0000000.
        li      $8, 0xc0002000
        mtc0    $8, $10
        li      $8, (0x20000 << 6) | 0x17
        mtc0    $8, $2
        li      $8, (0xa0000 << 6) | 0x17
        mtc0    $8, $3
        li      $8, 1
        mtc0    $8, $0
        ehb
        tlbwi
        ehb
        # Offset 0 through both windows.
        li      $9, 0x11111111
        sw      $9, 0x100($26)          # kseg0 0x80000100
        lui     $10, 0xc000
        lw      $2, 0x100($10)          # PA 0x80000100
        # Offset 256 MiB.
        li      $9, 0x22222222
        sw      $9, 0x1010($10)         # PA 0x90000010
        lw      $3, 0x1010($10)
        lui     $11, 0xb000
        lw      $6, 0x10($11)           # kseg1 PA 0x10000010: the I/O hole, not RAM
        # Offset 512 MiB through the post-I/O window, read through the high window, and back.
        li      $9, 0x33333333
        sw      $9, 0x2020($10)         # PA 0x20000020
        lw      $4, 0x3020($10)         # PA 0xa0000020
        li      $9, 0x44444444
        sw      $9, 0x3024($10)
        lw      $5, 0x2024($10)
        move    $8, $0
        move    $9, $0
        move    $10, $0
        move    $11, $0
        .include "../common/end.inc"
