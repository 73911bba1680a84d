using System.Text;
using Virtualizability.Analysis;
using Virtualizability.Analysis.Witnesses;

namespace Virtualizability.Cli.Reports.Check;

/// <summary>A report for a pull request: verdicts, the classification table, and each violation with its witness.</summary>
internal static class CheckMarkdown
{
    public static string Render(SpecReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# Popek–Goldberg check: `{report.Model.Name}`").AppendLine();
        sb.AppendLine(report.Model.Title).AppendLine();
        sb.AppendLine("| definition | Theorem 1 (virtualizable) | Theorem 2 (recursive) | Theorem 3 (hybrid) | violations |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var d in report.Definitions)
            sb.AppendLine($"| {d.Definition.Name()} | {Cells.WithReason(d.Virtualizable)} | {Cells.WithReason(d.RecursivelyVirtualizable)} | {Cells.WithReason(d.HybridVirtualizable)} | {string.Join(", ", d.Violations.Select(v => $"`{v.Name}`"))} |");
        foreach (var d in report.Definitions)
        {
            sb.AppendLine().AppendLine($"## Definition `{d.Definition.Name()}`").AppendLine();
            sb.AppendLine("| instruction | privileged | control | mode | location | user-sensitive | innocuous | time-dependent | T1 violation | T3 violation |");
            sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var i in d.Instructions)
                sb.AppendLine($"| `{i.Name}` | " + string.Join(" | ", new[] { i.Privileged, i.ControlSensitive, i.ModeSensitive, i.LocationSensitive, i.UserSensitive, i.Innocuous, i.TimeDependent, i.Violation, i.HybridViolation }.Select(Cells.Text)) + " |");
            foreach (var i in d.Violations)
            {
                sb.AppendLine().AppendLine($"### `{i.Name}` violates Theorem 1").AppendLine();
                Witness(sb, i.Violation.Witness!);
                if (i.Violation.SecondWitness is { } second) Witness(sb, second);
            }
            foreach (var i in d.Instructions.Where(i => i.Violation.IsUnknown))
                sb.AppendLine().AppendLine($"- `{i.Name}`: undecided ({i.Violation.Reason})");
        }
        var errors = report.InternalErrors.ToList();
        if (errors.Count > 0)
        {
            sb.AppendLine().AppendLine("## Internal errors").AppendLine();
            foreach (var e in errors) sb.AppendLine($"- {e}");
        }
        return sb.ToString();
    }

    private static void Witness(StringBuilder sb, Witness w)
    {
        var fields = string.Join(", ", w.Fields.Select(f => $"{f.Name}={f.Value}"));
        sb.AppendLine($"**{w.Property}**: word `{w.Word}`{(fields.Length > 0 ? $" ({fields})" : "")}{(w.Offset is { } x ? $", offset `{x}`" : "")}. {w.Summary}.").AppendLine();
        foreach (var run in w.Runs)
            sb.AppendLine($"- {run.Label}: {string.Join(", ", run.Start.Select(v => $"`{v.Name}={v.Value}`"))} → {run.Outcome}");
        foreach (var d in w.Differences)
            sb.AppendLine($"- differs: `{d.Component}`: `{d.First}` vs `{d.Second}`");
        sb.AppendLine();
    }
}
