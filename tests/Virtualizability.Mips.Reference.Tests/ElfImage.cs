using ELFSharp.ELF;
using ELFSharp.ELF.Sections;
using ELFSharp.ELF.Segments;

namespace Virtualizability.Mips.Reference.Tests;

/// <summary>A linked 32-bit little-endian MIPS ELF: loadable segments, entry point and symbol addresses.</summary>
public sealed class ElfImage
{
    private readonly Dictionary<string, uint> _symbols;

    private ElfImage(uint entry, List<(uint PhysicalAddress, byte[] Bytes)> segments, Dictionary<string, uint> symbols)
    {
        Entry = entry;
        Segments = segments;
        _symbols = symbols;
    }

    public uint Entry { get; }
    public IReadOnlyList<(uint PhysicalAddress, byte[] Bytes)> Segments { get; }

    public uint Symbol(string name) =>
        _symbols.TryGetValue(name, out var address) ? address : throw new KeyNotFoundException($"symbol '{name}' not in the ELF");

    public static ElfImage Load(string path)
    {
        using var elf = ELFReader.Load<uint>(path);
        var segments = elf.Segments
            .Where(s => s.Type == SegmentType.Load)
            // As QEMU's -kernel loader: physical address = p_paddr masked to 29 bits (kseg0/kseg1 → physical).
            .Select(s => (s.PhysicalAddress & 0x1FFF_FFFFu, s.GetMemoryContents()))
            .ToList();
        var symbols = new Dictionary<string, uint>();
        if (elf.TryGetSection(".symtab", out var section) && section is ISymbolTable table)
            foreach (var entry in table.Entries.OfType<SymbolEntry<uint>>())
                if (!string.IsNullOrEmpty(entry.Name)) symbols[entry.Name] = entry.Value;
        return new ElfImage(elf.EntryPoint, segments, symbols);
    }

    public void LoadInto(PhysicalMemory memory)
    {
        foreach (var (address, bytes) in Segments) memory.Load(address, bytes);
    }
}
