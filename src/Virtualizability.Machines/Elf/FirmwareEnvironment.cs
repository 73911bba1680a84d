using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Virtualizability.Machines.Elf;

/// <summary>
/// The argument and environment tables QEMU's Malta `-kernel` boot code hands a kernel in a0..a2 (YAMON's
/// convention, which Linux and bare-metal programs read): argc = 2, argv = {image path, command line}, envp =
/// {"memsize", low RAM, "ememsize", all RAM, "modetty0", "38400n8r", "rngseed", 64 hex digits, NULL}.
/// Layout measured on QEMU 7.2 (a program printing its entry registers and the strings they point to, and the
/// monitor's `xp` at physical 0x2000): a block of 16 pointers at physical 0x2000 (kseg0 0x80002000), each
/// string in its own 256-byte slot after it (slot i at 0x2040 + 256 i, cut to 255 bytes and a NUL), the whole
/// block 0x1040 bytes. QEMU refuses an ELF whose segments overlap the block; so does the loader.
/// QEMU's rngseed is random on every run; here it is a hash of the image path and segments, so that runs of one
/// program (bare and under the VMM) print the same.
/// </summary>
public static class FirmwareEnvironment
{
    public const uint PhysicalAddress = 0x2000;
    public const uint Kseg0Address = 0x8000_0000 | PhysicalAddress;
    public const int Slots = 16;
    public const int SlotBytes = 256;
    public const uint Size = Slots * 4 + Slots * SlotBytes;
    public const ulong ArgumentCount = 2;
    public const uint ArgvAddress = Kseg0Address;
    public const uint EnvpAddress = Kseg0Address + 8; // argv's two pointers, then envp's

    /// <param name="lowRamBytes">RAM below the I/O hole (memsize, also in a3)</param>
    /// <param name="ramBytes">all RAM (ememsize)</param>
    public static byte[] Build(ElfProgram program, long lowRamBytes, long ramBytes)
    {
        string[] strings =
        [
            program.Path, program.CommandLine,
            "memsize", lowRamBytes.ToString(CultureInfo.InvariantCulture),
            "ememsize", ramBytes.ToString(CultureInfo.InvariantCulture),
            "modetty0", "38400n8r",
            "rngseed", Convert.ToHexStringLower(Seed(program)),
        ];
        var block = new byte[Size];
        for (var i = 0; i < strings.Length; i++)
        {
            var slot = Slots * 4 + i * SlotBytes;
            BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(i * 4, 4), Kseg0Address + (uint)slot);
            var text = Encoding.UTF8.GetBytes(strings[i]);
            text.AsSpan(0, Math.Min(text.Length, SlotBytes - 1)).CopyTo(block.AsSpan(slot));
        }
        // The pointer after the last string is the NULL that ends envp; the slots after it stay zero.
        return block;
    }

    private static byte[] Seed(ElfProgram program)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(program.Path));
        foreach (var segment in program.Segments)
        {
            hash.AppendData(BitConverter.GetBytes(segment.PhysicalAddress));
            hash.AppendData(segment.FileBytes);
        }
        return hash.GetHashAndReset();
    }
}
