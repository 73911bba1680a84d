using ELFSharp.ELF;
using ELFSharp.ELF.Segments;

namespace Virtualizability.Machines.Elf;

/// <summary>
/// Reads a MIPS32 little-endian ELF executable with ELFSharp and checks everything the board relies on, so that
/// a bad file ends in one clear <see cref="ElfLoadException"/> instead of whatever ELFSharp throws on garbage.
/// Segment addresses follow QEMU's Malta -kernel loader: physical = p_paddr &amp; 0x1fffffff (kseg0 and
/// kseg1 addresses name the same physical bytes).
/// </summary>
public static class ElfReaderMips
{
    private const uint PhysicalMask = 0x1FFF_FFFF;

    public static ElfProgram Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ElfLoadException($"{path}: cannot read the file: {e.Message}");
        }
        return Parse(path, bytes);
    }

    public static ElfProgram Parse(string path, byte[] bytes)
    {
        if (bytes.Length < 4 || bytes[0] != 0x7F || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            throw new ElfLoadException($"{path}: not an ELF file (no ELF magic number)");
        // e_ident[EI_CLASS] and [EI_DATA] are checked before ELFSharp parses the rest with the wrong word size or byte order.
        if (bytes.Length < 52) throw new ElfLoadException($"{path}: truncated ELF file ({bytes.Length} bytes, shorter than an ELF32 header)");
        if (bytes[4] == 2) throw new ElfLoadException($"{path}: 64-bit ELF (ELFCLASS64); the board runs 32-bit MIPS programs");
        if (bytes[4] != 1) throw new ElfLoadException($"{path}: corrupt ELF header (class byte {bytes[4]})");
        if (bytes[5] == 2) throw new ElfLoadException($"{path}: big-endian ELF; the board is little-endian MIPS (mipsel, -EL)");
        if (bytes[5] != 1) throw new ElfLoadException($"{path}: corrupt ELF header (data encoding byte {bytes[5]})");

        ELF<uint> elf;
        try
        {
            elf = ELFReader.Load<uint>(new MemoryStream(bytes, writable: false), shouldOwnStream: true);
        }
        catch (Exception e)
        {
            // ELFSharp reports damage with many exception types (end of stream, out of range, overflow ...).
            throw new ElfLoadException($"{path}: corrupt or truncated ELF file ({e.Message})");
        }
        using (elf)
        {
            if (elf.Machine != Machine.MIPS)
                throw new ElfLoadException($"{path}: built for {elf.Machine}, not MIPS");
            if (elf.Type != FileType.Executable)
                throw new ElfLoadException($"{path}: ELF type {elf.Type}, not an executable (ET_EXEC); link it with -static -no-pie");
            return new ElfProgram(path, elf.EntryPoint, Segments(path, elf, bytes.Length));
        }
    }

    private static List<ElfSegment> Segments(string path, ELF<uint> elf, long fileLength)
    {
        IReadOnlyList<Segment<uint>> segments;
        try
        {
            segments = elf.Segments.ToList();
        }
        catch (Exception e)
        {
            throw new ElfLoadException($"{path}: corrupt program headers ({e.Message})");
        }
        var loads = new List<ElfSegment>();
        foreach (var (segment, number) in segments.Select((s, i) => (s, i)))
        {
            if (segment.Type != SegmentType.Load) continue;
            if (segment.FileSize > segment.Size)
                throw new ElfLoadException($"{path}: segment {number} has more file bytes (0x{segment.FileSize:x}) than memory bytes (0x{segment.Size:x})");
            if (segment.Offset < 0 || segment.Offset + (long)segment.FileSize > fileLength)
                throw new ElfLoadException($"{path}: truncated ELF file: segment {number} needs bytes 0x{segment.Offset:x}..0x{segment.Offset + segment.FileSize:x}, the file has 0x{fileLength:x}");
            byte[] contents;
            try
            {
                contents = segment.GetFileContents();
            }
            catch (Exception e)
            {
                throw new ElfLoadException($"{path}: segment {number} cannot be read ({e.Message})");
            }
            loads.Add(new ElfSegment(segment.PhysicalAddress & PhysicalMask, contents, segment.Size));
        }
        if (loads.Count == 0) throw new ElfLoadException($"{path}: no loadable (PT_LOAD) segment");
        return loads;
    }
}
