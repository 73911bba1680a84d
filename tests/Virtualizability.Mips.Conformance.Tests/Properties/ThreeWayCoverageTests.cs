using Virtualizability.Conformance.Generators;
using Virtualizability.Conformance.ThreeWay;

namespace Virtualizability.Mips.Conformance.Tests.Properties;

/// <summary>
/// The programs `pgcheck conform` runs reach what it claims to compare: console output, many kinds of exception,
/// user and kernel mode, and runs that end early only rarely; and a difference on any compared item is reported.
/// </summary>
public class ThreeWayCoverageTests
{
    [Fact]
    public void Conform_programs_write_the_console_and_take_many_kinds_of_exception()
    {
        var records = Enumerable.Range(1, 300)
            .Select(seed => CaseGenerator.Program(seed * 7907, 60))
            .Select(c => (Case: c, Record: BareModelRun.Run(SpecModel.Isa, c, c.BuildRam(), c.Steps)))
            .ToList();
        Assert.True(records.Count(r => r.Record.Console.Length > 0) >= 3, "hardly any program writes the UART");
        var kinds = records.SelectMany(r => r.Record.Exceptions).Select(e => e.Code).ToHashSet();
        Assert.True(kinds.Count >= 10, "exceptions taken: " + string.Join(", ", kinds));
        Assert.Contains(records, r => (r.Case.Initial.Status & 0x16) == 0x10);
        Assert.Contains(records, r => (r.Case.Initial.Status & 0x16) != 0x10);
        Assert.All(records, r => Assert.Equal(r.Case.Steps, r.Record.Steps));
    }

    [Fact]
    public void Every_compared_item_is_reported_when_it_differs()
    {
        var c = CaseGenerator.Program(42, 30);
        var a = BareModelRun.Run(SpecModel.Isa, c, c.BuildRam(), c.Steps);
        var state = a.State.Clone();
        state.Gpr[5] ^= 1;
        var ram = (byte[])a.Ram.Clone();
        ram[100] ^= 1;
        var b = a with
        {
            State = state, Ram = ram, Console = [.. a.Console, (byte)'x'], Steps = a.Steps - 1, ResetWritten = !a.ResetWritten,
            Exceptions = [.. a.Exceptions, new ExceptionEvent(ExceptionCode.Trap, 0x1234)],
        };
        Assert.Empty(RunComparison.Differences("x", a, "y", a));
        var lines = RunComparison.Differences("x", a, "y", b);
        foreach (var prefix in new[] { "steps run", "reset register written", $"exception #{a.Exceptions.Count + 1}", "console output", "$a1", "mem[0x00000064]" })
            Assert.Contains(lines, line => line.StartsWith(prefix, StringComparison.Ordinal));
    }
}
