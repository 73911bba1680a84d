using System.Globalization;
using Virtualizability.Conformance.Harness;
using Virtualizability.Conformance.Runs;

namespace Virtualizability.Cli.Reports;

/// <summary>`pgcheck conform --format json`: the summary documented in docs/conformance.md.</summary>
public static class ConformJson
{
    public static string Render(string isa, ConformResult result, string replay)
    {
        var o = result.Options;
        var report = new
        {
            isa,
            seed = o.Seed,
            runs = o.Runs,
            maxLength = o.MaxLength,
            passed = result.Passed,
            agree = result.Failure is null,
            steps = result.Steps,
            exceptions = result.Exceptions,
            seconds = Math.Round(result.Elapsed.TotalSeconds, 3),
            runsPerMinute = Math.Round(result.RunsPerMinute),
            divergence = result.Failure is { } f ? Divergence(f, replay) : null,
        };
        return Json.Serialize(report) + Environment.NewLine;
    }

    private static object Divergence(ConformFailure f, string replay) => new
    {
        failingRun = f.FailingRun,
        shrinks = f.Shrinks,
        afterSteps = f.Divergence.Steps,
        differences = f.Divergence.Differences,
        programSteps = f.Case.Steps,
        programPhysicalAddress = Hex(f.Case.ProgramPa),
        memorySeed = f.Case.MemorySeed,
        program = FailureReport.Listing(f.Case).Select(l => new { address = Hex(l.Address), word = Hex(l.Word), assembly = l.Assembly }),
        initialState = FailureReport.NonZeroFields(f.Case.Initial).ToDictionary(p => p.Name, p => p.Value),
        replay,
    };

    private static string Hex(uint value) => "0x" + value.ToString("X8", CultureInfo.InvariantCulture);
}
