using Virtualizability.Execution.Tests.Building;
using Virtualizability.Isa.Ir;
using Xunit;
using static Virtualizability.Execution.Tests.Building.Ir;

namespace Virtualizability.Execution.Tests;

public class MemoryStorageTests
{
    private sealed class RecordingBus : IMemoryBus
    {
        public List<string> Accesses { get; } = [];

        public ulong Read(int memoryIndex, ulong address, int cells)
        {
            Accesses.Add($"read {memoryIndex} 0x{address:X} x{cells}");
            return 0xA1B2_C3D4_E5F6_0718;
        }

        public void Write(int memoryIndex, ulong address, int cells, ulong value) =>
            Accesses.Add($"write {memoryIndex} 0x{address:X} x{cells} = 0x{value:X}");
    }

    private static MachineState StateWith(MachineOptions? options, params (string Name, int AddressWidth, int CellWidth, Endianness Order)[] memories)
    {
        var builder = new ModelBuilder("memories");
        var pc = builder.Register("PC", 16);
        var decls = memories.Select(m => builder.Memory(m.Name, m.AddressWidth, m.CellWidth, m.Order)).ToArray();
        builder.Fetch = builder.Function("fetch", [], 32, _ => Block(Return(C(0, 32))));
        return new MachineState(builder.Build(pc, decls[0]), options);
    }

    [Fact]
    public void Multi_cell_accesses_join_cells_in_each_memorys_byte_order()
    {
        var state = StateWith(null, ("Big", 16, 8, Endianness.Big), ("Little", 16, 8, Endianness.Little));
        var (big, little) = (state.Memory("Big"), state.Memory("Little"));

        big.Write32(0x10, 0x1122_3344);
        little.Write32(0x10, 0x1122_3344);

        Assert.Equal([0x11, 0x22, 0x33, 0x44], big.Bytes[0x10..0x14].ToArray());
        Assert.Equal([0x44, 0x33, 0x22, 0x11], little.Bytes[0x10..0x14].ToArray());
        Assert.Equal(0x1122UL, big.Read16(0x10));
        Assert.Equal(0x3344UL, little.Read16(0x10));
        Assert.Equal(0x1122_3344UL, big.Read(0x10, 4));
        big.Write64(0x20, 0x0102_0304_0506_0708);
        Assert.Equal(0x0102_0304_0506_0708UL, big.Read64(0x20));
        Assert.Equal(0x08UL, big.Read8(0x27));
    }

    [Fact]
    public void An_access_at_the_top_of_the_address_space_wraps_to_address_zero()
    {
        var state = StateWith(null, ("E", 16, 8, Endianness.Big));
        var memory = state.Memory("E");
        memory.Write16(0xFFFF, 0xABCD);
        Assert.Equal(0xABUL, memory.Read8(0xFFFF));
        Assert.Equal(0xCDUL, memory.Read8(0x0000));
        Assert.Equal(0xABCDUL, memory.Read16(0xFFFF));
    }

    [Fact]
    public void Accesses_beyond_the_backing_array_go_to_the_bus_or_read_zero()
    {
        var bus = new RecordingBus();
        var options = new MachineOptions { MemoryCells = new Dictionary<string, long> { ["Ram"] = 0x100 }, Bus = bus };
        var withBus = StateWith(options, ("Ram", 32, 8, Endianness.Little)).Memory("Ram");
        Assert.Equal(0x100, withBus.CellCount);

        Assert.Equal(0xE5F6_0718UL, withBus.Read32(0x1000));
        withBus.Write16(0x2000, 0xBEEF);
        withBus.Write8(0xFF, 0x12);   // still backed: no bus access
        Assert.Equal(["read 0 0x1000 x4", "write 0 0x2000 x2 = 0xBEEF"], bus.Accesses);

        var withoutBus = StateWith(new MachineOptions { MemoryCells = new Dictionary<string, long> { ["Ram"] = 0x100 } }, ("Ram", 32, 8, Endianness.Little)).Memory("Ram");
        withoutBus.Write32(0x1000, 0xFFFF_FFFF);
        Assert.Equal(0UL, withoutBus.Read32(0x1000));
        // Straddling the end: the backed cell is read, the unbacked one reads 0.
        withoutBus.Write8(0xFF, 0x77);
        Assert.Equal(0x77UL, withoutBus.Read16(0xFF));
    }

    [Fact]
    public void The_byte_limit_caps_the_backing_of_a_32_bit_memory()
    {
        var state = StateWith(new MachineOptions { DefaultMemoryLimitBytes = 4096 }, ("Ram", 32, 8, Endianness.Little));
        Assert.Equal(4096, state.Memory("Ram").CellCount);
        Assert.Equal(1L << 30, MachineOptions.Default.DefaultMemoryLimitBytes);
    }

    [Fact]
    public void The_total_limit_caps_many_memories_together_and_backs_small_ones_first()
    {
        // A hostile spec declared a hundred 64-bit memories: each got the per-memory limit and exec ran out of memory.
        var state = StateWith(new MachineOptions { DefaultMemoryLimitBytes = 4096 },
            ("A", 64, 64, Endianness.Little), ("B", 64, 8, Endianness.Little), ("Ports", 8, 8, Endianness.Little), ("C", 64, 8, Endianness.Little));
        Assert.Equal(256, state.Memory("Ports").CellCount);               // the smallest address space is backed first, whole
        Assert.Equal(4096 / 8, state.Memory("A").CellCount);              // then declaration order, each up to its own limit
        Assert.Equal(8192 - 256 - 4096, state.Memory("B").CellCount);     // until twice the per-memory limit is used up
        Assert.Equal(0, state.Memory("C").CellCount);                     // the rest belongs to the bus
        state.Memory("C").Write8(3, 7);                                   // and stays usable: without a bus, writes are dropped
        Assert.Equal(0UL, state.Memory("C").Read8(3));
    }

    [Fact]
    public void Wide_cells_are_stored_in_words_and_joined_big_endian()
    {
        var state = StateWith(null, ("Core", 18, 36, Endianness.Big));
        var core = state.Memory("Core");
        Assert.False(core.IsByteBacked);
        core.WriteCell(5, 0xF_FFFF_FFFF_FF);   // masked to 36 bits
        Assert.Equal(0xF_FFFF_FFFFUL, core.ReadWord(5));
        core.WriteCell(6, 0x1);
        Assert.Equal(0x1UL, core.Read(6, 1));
    }

    [Fact]
    public void Sub_byte_cells_join_by_cell_width()
    {
        var state = StateWith(null, ("Nibbles", 8, 4, Endianness.Little));
        var nibbles = state.Memory("Nibbles");
        nibbles.Write(0x10, 4, 0xABCD);
        Assert.Equal(0xDUL, nibbles.ReadCell(0x10));
        Assert.Equal(0xAUL, nibbles.ReadCell(0x13));
        Assert.Equal(0xABCDUL, nibbles.Read(0x10, 4));
    }
}
