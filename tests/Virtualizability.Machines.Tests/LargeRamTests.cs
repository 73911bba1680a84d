using Virtualizability.Guests;
using Xunit;

namespace Virtualizability.Machines.Tests;

/// <summary>
/// More than 256 MiB of RAM: the board shows it where QEMU's Malta does (physical 0x80000000 for all of it,
/// 0x20000000 for the part above 512 MiB), and a guest reaching it through the TLB prints what it prints on QEMU.
/// </summary>
public class LargeRamTests
{
    private static readonly string Programs = Path.Combine(Repository.Mips32Programs, "large-ram");

    [Fact]
    public void Highmem_program_prints_its_header_registers_and_what_qemu_prints_with_768_mib()
    {
        using var work = new TempDirectory();
        var elf = Toolchain.AssembleProgram(Programs, "highmem", work.Path);
        var board = GuestRun.Elf(elf, ramBytes: 768L << 20).EndedByReset().Console;
        Assert.Equal(ExpectedRegisters.ConsoleOutput(Path.Combine(Programs, "highmem.S")), board);
        Assert.Equal(Toolchain.RunOnQemu(elf, memory: "768"), board);
    }

    [Fact]
    public void High_ram_keeps_the_low_window_as_the_fast_backing_array_and_the_rest_on_the_bus()
    {
        using var console = new MemoryStream();
        var board = GuestRun.NewBoard(console, ramBytes: 768L << 20);
        Assert.Equal(MaltaBoard.LowRamBytes, board.Ram.CellCount);
        board.Ram.Bytes[0x1234] = 0x5a;
        Assert.Equal(0x5aUL, board.Bus.Read(board.Ram.Declaration.Index, 0x8000_1234, 1));
        board.Bus.Write(board.Ram.Declaration.Index, 0xA000_0000, 4, 0x0102_0304);
        Assert.Equal(0x0102_0304UL, board.Bus.Read(board.Ram.Declaration.Index, 0x2000_0000, 4));
        // Past the end of RAM in both windows: nothing there.
        board.Bus.Write(board.Ram.Declaration.Index, 0xB000_0000, 4, 0xFFFF_FFFF);
        Assert.Equal(0UL, board.Bus.Read(board.Ram.Declaration.Index, 0xB000_0000, 4));
        Assert.Equal(0UL, board.Bus.Read(board.Ram.Declaration.Index, 0x3000_0000, 4));
    }

    [Fact]
    public void With_256_mib_or_less_there_are_no_high_windows()
    {
        using var console = new MemoryStream();
        var board = GuestRun.NewBoard(console, ramBytes: 64L << 20);
        Assert.Null(board.Bus.RamWindows);
        board.Ram.Bytes[0x10] = 0x77;
        Assert.Equal(0UL, board.Bus.Read(board.Ram.Declaration.Index, 0x8000_0010, 1));
    }
}
