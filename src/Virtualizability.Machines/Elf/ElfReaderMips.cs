using System.Buffers.Binary;

namespace Virtualizability.Machines.Elf;

/// <summary>
/// Reads a MIPS32 little-endian ELF executable, its ELF header and program headers only (what QEMU's loader reads),
/// and checks everything the board relies on, so that a bad file ends in one clear <see cref="ElfLoadException"/>.
/// Segment addresses follow QEMU's Malta -kernel loader: physical = p_paddr &amp; 0x1fffffff (kseg0 and
/// kseg1 addresses name the same physical bytes).
/// </summary>
public static class ElfReaderMips
{
    private const uint PhysicalMask = 0x1FFF_FFFF;

    public static ElfProgram Read(string path)
    {
        if (Directory.Exists(path)) throw new ElfLoadException($"{path}: is a directory, not an ELF file");
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

    /// <summary>The refusal of a file without the ELF magic number (empty, text, a raw binary ...).</summary>
    public static string NotAnElf(string path) =>
        $"{path}: not an ELF file (no ELF magic number{(File.Exists(path) && new FileInfo(path).Length == 0 ? "; the file is empty" : "")}); "
        + "the board runs statically linked 32-bit little-endian MIPS ELF executables";

    public static ElfProgram Parse(string path, byte[] bytes)
    {
        if (bytes.Length < 4 || bytes[0] != 0x7F || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            throw new ElfLoadException(NotAnElf(path));
        // e_machine (the same offset in both classes) first: a file for another processor says so, whatever its class.
        if (bytes.Length >= 20 && ForeignMachine(bytes) is { } foreign)
            throw new ElfLoadException($"{path}: built for {foreign}, not MIPS");
        // e_ident[EI_CLASS] and [EI_DATA] are checked before the rest is read with the wrong word size or byte order.
        if (bytes.Length < 52) throw new ElfLoadException($"{path}: truncated ELF file ({bytes.Length} bytes, shorter than an ELF32 header)");
        if (bytes[4] == 2) throw new ElfLoadException($"{path}: 64-bit MIPS ELF (ELFCLASS64, e.g. -mabi=64); the board runs 32-bit MIPS programs (o32)");
        if (bytes[4] != 1) throw new ElfLoadException($"{path}: corrupt ELF header (class byte {bytes[4]})");
        if (bytes[5] == 2) throw new ElfLoadException($"{path}: big-endian ELF; the board is little-endian MIPS (mipsel, -EL)");
        if (bytes[5] != 1) throw new ElfLoadException($"{path}: corrupt ELF header (data encoding byte {bytes[5]})");

        var header = bytes.AsSpan();
        var type = BinaryPrimitives.ReadUInt16LittleEndian(header[16..]);
        // A static PIE (ET_DYN) is loaded as QEMU loads it: at its own addresses, unrelocated (it relocates itself).
        if (type is not (ExecutableType or SharedObjectType))
            throw new ElfLoadException($"{path}: ELF type {TypeName(type)}, not an executable (ET_EXEC, or ET_DYN for a static PIE); link it, e.g. with -static -no-pie");
        var entry = BinaryPrimitives.ReadUInt32LittleEndian(header[24..]);
        return new ElfProgram(path, entry, Segments(path, bytes, entry));
    }

    private const int ExecutableType = 2, SharedObjectType = 3;
    private const uint LoadType = 1, InterpreterType = 3;
    // Program headers are read at their ELF32 size whatever e_phentsize says, as QEMU does.
    private const int ProgramHeaderBytes = 32;

    private static string TypeName(int type) => type switch
    {
        0 => "ET_NONE", 1 => "ET_REL (an object file, not linked)", 4 => "ET_CORE (a core dump)", _ => $"{type}",
    };

    // e_machine values of the processors whose files are most likely to be tried (the ELF gABI's list).
    private static readonly Dictionary<int, string> Machines = new()
    {
        [2] = "SPARC", [3] = "x86 (i386)", [20] = "PowerPC", [21] = "64-bit PowerPC", [22] = "IBM S/390", [40] = "ARM",
        [43] = "SPARC V9", [50] = "IA-64", [62] = "x86-64", [183] = "AArch64", [243] = "RISC-V", [258] = "LoongArch",
    };

    /// <summary>The processor a non-MIPS file is for (its e_machine, read in the file's own byte order), or null for MIPS.</summary>
    private static string? ForeignMachine(byte[] bytes)
    {
        int little = bytes[18] | (bytes[19] << 8), big = (bytes[18] << 8) | bytes[19];
        const int mips = 8, mipsRs3LittleEndian = 10;
        // A MIPS file whose byte-order byte is wrong is reported for its byte order (below), not as a foreign machine.
        if (little is mips or mipsRs3LittleEndian || big is mips or mipsRs3LittleEndian) return null;
        var machine = bytes[5] == 2 ? big : little;
        return Machines.TryGetValue(machine, out var name) ? name : $"machine {machine} (e_machine)";
    }

    /// <summary>
    /// The PT_LOAD segments, read straight from the program headers: like QEMU's loader, the board needs nothing else,
    /// so damaged or missing section headers (stripped files, sstrip) do not stop a file that QEMU runs.
    /// </summary>
    private static List<ElfSegment> Segments(string path, byte[] bytes, uint entry)
    {
        ReadOnlySpan<byte> header = bytes;
        long tableOffset = BinaryPrimitives.ReadUInt32LittleEndian(header[28..]);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(header[44..]);
        if (count == 0) throw new ElfLoadException($"{path}: no program headers (e_phnum = 0): nothing to load");
        var tableEnd = tableOffset + (long)count * ProgramHeaderBytes;
        if (tableEnd > bytes.Length)
            throw new ElfLoadException($"{path}: corrupt or truncated ELF file: its {count} program headers need bytes 0x{tableOffset:x}..0x{tableEnd:x}, the file has 0x{bytes.Length:x}");
        var loads = new List<ElfSegment>();
        for (var number = 0; number < count; number++)
        {
            var at = (int)(tableOffset + number * ProgramHeaderBytes);
            uint Field(int index) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4 * index));
            var (kind, offset, physical, fileSize, memorySize) = (Field(0), (long)Field(1), Field(3), Field(4), Field(5));
            // A Linux program (PT_INTERP, linked in kuseg) is named as such; a bare-metal static PIE linked in kseg0 may
            // carry a PT_INTERP too, which QEMU ignores, and so does the board.
            if (kind == InterpreterType && entry < 0x8000_0000)
                throw new ElfLoadException($"{path}: dynamically linked (it asks for a program interpreter, PT_INTERP): a Linux user-space program, not a bare-metal one; link it with -static -nostdlib and your own start-up code");
            if (kind != LoadType) continue;
            if (fileSize > memorySize)
                throw new ElfLoadException($"{path}: program header {number} (PT_LOAD) has more file bytes (0x{fileSize:x}) than memory bytes (0x{memorySize:x})");
            if (offset + fileSize > bytes.Length)
                throw new ElfLoadException($"{path}: truncated ELF file: program header {number} (PT_LOAD) needs bytes 0x{offset:x}..0x{offset + fileSize:x}, the file has 0x{bytes.Length:x}");
            loads.Add(new ElfSegment(physical & PhysicalMask, bytes[(int)offset..(int)(offset + fileSize)], memorySize));
        }
        if (loads.Count == 0) throw new ElfLoadException($"{path}: no loadable (PT_LOAD) segment");
        return loads;
    }
}
