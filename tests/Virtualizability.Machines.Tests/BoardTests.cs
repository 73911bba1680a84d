using Virtualizability.Guests;
using Virtualizability.Machines.Running;
using Xunit;

namespace Virtualizability.Machines.Tests;

/// <summary>The board around the model: RAM sizes, the -kernel start state, unmapped reads from a guest, limits, tracing.</summary>
public class BoardTests
{
    private static string Assemble(TempDirectory work, string body)
    {
        var source = work.File("guest.s");
        File.WriteAllText(source, ".set noreorder\n.text\n.globl _start\n_start:\n" + body +
                                  "\n lui $26, 0xbf00\n li $27, 0x42\n sw $27, 0x500($26)\n1: b 1b\n nop\n");
        return MipselToolchain.AssembleAndLink(source, work.File("guest.elf"));
    }

    [Theory]
    [InlineData("256M", 256L << 20)]
    [InlineData("64m", 64L << 20)]
    [InlineData("1536K", 1536L << 10)]
    [InlineData("1G", 1L << 30)]
    [InlineData("4096", 4096L)]
    public void Memory_sizes_accept_k_m_g_suffixes(string text, long bytes) => Assert.Equal(bytes, MemorySize.TryParse(text, out _));

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5M")]
    [InlineData("12T")]
    [InlineData("99999999999G")]
    public void Bad_memory_sizes_are_refused(string text)
    {
        Assert.Null(MemorySize.TryParse(text, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Ram_larger_than_qemus_malta_takes_is_refused()
    {
        using var console = new MemoryStream();
        var error = Assert.Throws<BoardException>(() => GuestRun.NewBoard(console, ramBytes: (2L << 30) + 4096));
        Assert.Contains("at most 2 GiB", error.Message);
    }

    [Fact]
    public void The_guest_starts_in_the_qemu_kernel_state()
    {
        using var work = new TempDirectory();
        var run = GuestRun.Elf(Assemble(work, " mfc0 $2, $12\n mfc0 $3, $15, 1\n mfc0 $4, $16\n move $5, $29\n move $6, $25\n move $8, $7")).EndedByReset();
        var state = run.Board.Machine.State;
        Assert.Equal(0x0040_0000UL, state.GetRegister("GPR", 2));
        Assert.Equal(0x8000_0000UL, state.GetRegister("GPR", 3));
        Assert.Equal(0x8000_0482UL, state.GetRegister("GPR", 4));
        Assert.Equal(0x8000_1FC0UL, state.GetRegister("GPR", 5));
        Assert.Equal(0x8010_0000UL, state.GetRegister("GPR", 6));
        Assert.Equal(256UL << 20, state.GetRegister("GPR", 8));
    }

    [Fact]
    public void The_firmware_hands_over_argc_argv_and_envp_as_qemu_does()
    {
        using var work = new TempDirectory();
        // Saves a0..a2 and ra as they were at entry, and the first bytes of argv[0]'s slot and of envp[1] (memsize).
        var run = GuestRun.Elf(Assemble(work, " move $9, $4\n move $10, $5\n move $11, $6\n move $12, $31\n lw $13, 0($5)\n lw $14, 4($6)\n lbu $15, 0($14)\n lbu $16, 2($14)")).EndedByReset();
        var state = run.Board.Machine.State;
        Assert.Equal(2UL, state.GetRegister("GPR", 9));
        Assert.Equal(0x8000_2000UL, state.GetRegister("GPR", 10));
        Assert.Equal(0x8000_2008UL, state.GetRegister("GPR", 11));
        Assert.Equal(0xBFC0_0644UL, state.GetRegister("GPR", 12));
        Assert.Equal(0x8000_2040UL, state.GetRegister("GPR", 13)); // argv[0]: the first 256-byte slot after 16 pointers
        Assert.Equal((ulong)'2', state.GetRegister("GPR", 15));     // "268435456"
        Assert.Equal((ulong)'8', state.GetRegister("GPR", 16));
        var ram = run.Board.Ram.Bytes;
        Assert.Equal(work.File("guest.elf"), System.Text.Encoding.ASCII.GetString(ram.Slice(0x2040, work.File("guest.elf").Length)));
    }

    [Fact]
    public void A_guest_reads_zero_from_unmapped_physical_memory_and_its_writes_vanish()
    {
        using var work = new TempDirectory();
        // kseg1 0xb0000000 = physical 0x10000000, just past 256 MiB of RAM.
        var run = GuestRun.Elf(Assemble(work, " lui $9, 0xb000\n li $10, 0x1234\n sw $10, 0($9)\n li $2, -1\n lw $2, 0($9)\n li $3, -1\n lbu $3, 7($9)")).EndedByReset();
        Assert.Equal(0UL, run.Board.Machine.State.GetRegister("GPR", 2));
        Assert.Equal(0UL, run.Board.Machine.State.GetRegister("GPR", 3));
    }

    [Fact]
    public void The_reset_register_ends_the_run_right_after_the_store()
    {
        using var work = new TempDirectory();
        var run = GuestRun.Elf(Assemble(work, " nop\n nop")).EndedByReset();
        Assert.Equal(5, run.Report.Instructions); // two nops, lui, li, sw: the spin loop after it never runs
    }

    [Fact]
    public void A_guest_that_never_resets_stops_at_the_instruction_limit()
    {
        using var work = new TempDirectory();
        var run = GuestRun.Elf(Assemble(work, "2: b 2b\n nop"), maxInstructions: 1000);
        Assert.Equal(RunEnd.InstructionLimit, run.Report.End);
        Assert.Equal(1000, run.Report.Instructions);
    }

    [Fact]
    public void The_trace_has_one_line_per_instruction_with_pc_word_and_name()
    {
        using var work = new TempDirectory();
        var trace = new StringWriter();
        var run = GuestRun.Elf(Assemble(work, " addiu $2, $0, 7\n syscall"), maxInstructions: 100, trace: trace);
        var lines = trace.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("80100000 24020007 ADDIU", lines[0]);
        Assert.Equal("80100004 0000000c SYSCALL  trap SystemCall", lines[1]);
        // BEV = 1: the SYSCALL goes to 0xbfc00380, where nothing is mapped: zero words (NOP) until the limit.
        Assert.Equal("bfc00380 00000000 NOP", lines[2]);
        Assert.Equal(run.Report.Instructions, lines.Length);
        Assert.Equal(1, run.Report.ExceptionsByCause["SystemCall (ExcCode 8)"]);
    }
}
