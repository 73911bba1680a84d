using Virtualizability.Guests;
using System.Globalization;
using Virtualizability.Machines.Devices;
using Xunit;
using Xunit.Abstractions;

namespace Virtualizability.Machines.Tests;

/// <summary>
/// Bare-metal C programs (gcc -march=mips32r2 -EL -msoft-float -ffreestanding -nostdlib ..., linked at 0x80100000)
/// built in the test and run on the board; the expected output is computed here on the host, and QEMU's Malta
/// must print the same.
/// </summary>
public class CProgramTests(ITestOutputHelper output)
{
    [Fact]
    public void Sorting_and_arithmetic_print_the_host_computed_answers_and_match_qemu()
    {
        using var work = new TempDirectory();
        var elf = Toolchain.CompileGuest("sort.c", work.Path);
        var run = GuestRun.Elf(elf).EndedByReset();
        Assert.Equal(ExpectedSortOutput(), run.Console);
        Assert.Equal(Toolchain.RunOnQemu(elf), run.Console);
    }

    [Fact]
    public void Crc_over_a_buffer_matches_the_host_crc_and_qemu_and_reports_its_speed()
    {
        using var work = new TempDirectory();
        var elf = Toolchain.CompileGuest("crc.c", work.Path);
        var run = GuestRun.Elf(elf, maxInstructions: 1_000_000_000).EndedByReset();
        Assert.Equal(ExpectedCrcOutput(), run.Console);
        Assert.Equal(Toolchain.RunOnQemu(elf), run.Console);
        // Measured and shown, not asserted: speed depends on the host.
        output.WriteLine($"crc.c: {run.Report.Instructions} instructions in {run.Report.WallTime.TotalSeconds:F3} s = " +
                         $"{run.Report.InstructionsPerSecond / 1e6:F1} million guest instructions per second");
    }

    [Fact]
    public void Console_input_reaches_the_guest_through_the_uart()
    {
        using var work = new TempDirectory();
        var elf = Toolchain.CompileGuest("echo.c", work.Path);
        var input = new StreamInput(new MemoryStream("hello, malta.ignored"u8.ToArray()));
        var run = GuestRun.Elf(elf, maxInstructions: 2_000_000_000, input: input).EndedByReset();
        Assert.Equal("ready\nHELLO, MALTA\nbye\n", run.Console);
    }

    [Fact]
    public void Console_input_by_interrupt_through_the_8259s_prints_what_qemu_prints()
    {
        using var work = new TempDirectory();
        var elf = Toolchain.CompileGuest("irq-echo.c", work.Path);
        var run = GuestRun.Elf(elf, maxInstructions: 2_000_000_000, input: new StreamInput(new MemoryStream("hello\nZ"u8.ToArray()))).EndedByReset();
        Assert.Equal("masks ebff\nfirst interrupt: vector 04, IIR 04\nline 'hello' in interrupts\npoll 84 byte 'Z' Cause.IP2 0\n", run.Console);
        Assert.Equal(Toolchain.RunOnQemu(elf, input: "hello\nZ"), run.Console);
        Assert.True(run.Report.ExceptionsByCause.GetValueOrDefault("Interrupt (ExcCode 0)") >= 1);
    }

    private static string ExpectedSortOutput()
    {
        uint seed = 12345;
        var data = new int[2000];
        for (var i = 0; i < data.Length; i++)
        {
            seed = unchecked(seed * 1103515245u + 12345u);
            data[i] = (int)((seed >> 16) & 0x7fff) - 16384;
        }
        Array.Sort(data);
        string Hex(int v) => ((uint)v).ToString("x8", CultureInfo.InvariantCulture);
        var primes = Enumerable.Range(2, 9998).Count(n => Enumerable.Range(2, Math.Max(0, (int)Math.Sqrt(n) - 1)).All(d => n % d != 0));
        return "fib(40)=102334155\ngcd(1071,462)=21\n" +
               $"primes<10000={primes}\n" +
               "-7/2=4294967293 -7%2=4294967295 0x12345678*0x9abc=00000b00da73b020\n" +
               $"sorted=yes min={Hex(data[0])} max={Hex(data[1999])} median={Hex(data[1000])}\ndone\n";
    }

    private static string ExpectedCrcOutput()
    {
        var buffer = new byte[256 * 1024];
        uint state = 2463534242u;
        for (var i = 0; i < buffer.Length; i++)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            buffer[i] = (byte)state;
        }
        var text = new System.Text.StringBuilder();
        uint crc = 0;
        for (var pass = 0; pass < 4; pass++)
        {
            crc = ~crc;
            foreach (var b in buffer)
            {
                crc ^= b;
                for (var bit = 0; bit < 8; bit++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
            }
            crc = ~crc;
            text.Append($"crc={crc:x8}\n");
        }
        return text.ToString();
    }
}
