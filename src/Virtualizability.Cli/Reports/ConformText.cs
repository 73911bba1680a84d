using System.Globalization;
using System.Text;
using Virtualizability.Conformance.Runs;

namespace Virtualizability.Cli.Reports;

/// <summary>`pgcheck conform`'s text report: one summary line, and for a divergence the shrunk case and how to replay it.</summary>
public static class ConformText
{
    public static string Render(ConformResult result, string replay)
    {
        var o = result.Options;
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        if (result.Failure is not { } failure)
        {
            Line($"conform: {result.Passed} runs agree on the bare model, under the VMM and on the reference interpreter (seed {o.Seed}, programs up to {o.MaxLength} instructions)");
            Line($"{result.Steps} steps and {result.Exceptions} exceptions compared in {result.Elapsed.TotalSeconds:F1} s ({result.RunsPerMinute:F0} runs/min)");
            return text.ToString();
        }
        Line($"conform: DIVERGENCE in run {failure.FailingRun} (after {result.Passed} that agree; seed {o.Seed}); shrunk {failure.Shrinks} time(s)");
        Line($"first divergence after {failure.Divergence.Steps} step(s):");
        foreach (var difference in failure.Divergence.Differences) Line($"  {difference}");
        text.AppendLine(failure.Listing);
        Line($"replay: {replay}");
        return text.ToString();
    }
}
