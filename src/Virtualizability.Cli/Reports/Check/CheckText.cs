using Spectre.Console;
using Virtualizability.Analysis;
using Virtualizability.Analysis.Witnesses;

namespace Virtualizability.Cli.Reports.Check;

/// <summary>The text report: per definition a classification table, the verdicts, and the offending instructions with their witnesses.</summary>
internal static class CheckText
{
    public static void Render(SpecReport report, IAnsiConsole console)
    {
        console.MarkupLineInterpolated($"[bold]{report.Model.Name}[/]: {report.Model.Title}");
        foreach (var d in report.Definitions)
        {
            console.WriteLine();
            var table = new Table().Title($"definition: {d.Definition.Name()}")
                .AddColumns("instruction", "priv", "ctrl", "mode", "loc", "user", "innoc", "time", "T1 viol", "T3 viol");
            foreach (var i in d.Instructions)
                table.AddRow(new[] { i.Privileged, i.ControlSensitive, i.ModeSensitive, i.LocationSensitive, i.UserSensitive, i.Innocuous, i.TimeDependent, i.Violation, i.HybridViolation }
                    .Select(Cell).Prepend(Markup.Escape(i.Name)).ToArray());
            console.Write(table);
            console.MarkupLine($"Theorem 1 (virtualizable): {Verdict(d.Virtualizable)}");
            console.MarkupLine($"Theorem 2 (recursively virtualizable): {Verdict(d.RecursivelyVirtualizable)}");
            console.MarkupLine($"Theorem 3 (hybrid-virtualizable): {Verdict(d.HybridVirtualizable)}");
            foreach (var i in d.Instructions.Where(i => i.Violation.IsYes))
            {
                console.MarkupLineInterpolated($"[red]violation[/] [bold]{i.Name}[/] (Theorem 1{(i.HybridViolation.IsYes ? " and 3" : "")}):");
                WriteWitness(console, i.Violation.Witness!);
                if (i.Violation.SecondWitness is { } second) WriteWitness(console, second);
            }
            foreach (var i in d.Instructions.Where(i => i.Violation.IsUnknown))
                console.MarkupLineInterpolated($"[yellow]undecided[/] [bold]{i.Name}[/]: {i.Violation.Reason}");
        }
        console.WriteLine();
        console.WriteLine($"checked in {report.Elapsed.TotalSeconds:0.00} s");
    }

    private static void WriteWitness(IAnsiConsole console, Witness w)
    {
        var fields = string.Join(", ", w.Fields.Select(f => $"{f.Name}={f.Value}"));
        console.WriteLine($"  {w.Property}: word {w.Word}{(fields.Length > 0 ? $" ({fields})" : "")}{(w.Offset is { } x ? $", offset {x}" : "")}");
        console.WriteLine($"    {w.Summary}");
        foreach (var run in w.Runs)
            console.WriteLine($"    {run.Label}: {string.Join(", ", run.Start.Select(v => $"{v.Name}={v.Value}"))} -> {run.Outcome}");
        foreach (var d in w.Differences)
            console.WriteLine($"    differs: {d.Component}: {d.First} vs {d.Second}");
    }

    private static string Cell(Answer a) => a.Verdict switch
    {
        Analysis.Verdict.Yes => "[bold]yes[/]",
        Analysis.Verdict.No => "no",
        _ => "[yellow]?[/]",
    };

    private static string Verdict(Answer a) => a.Verdict switch
    {
        Analysis.Verdict.Yes => "[green]yes[/]",
        Analysis.Verdict.No => "[red]no[/]",
        _ => $"[yellow]undecided[/] ({Markup.Escape(a.Reason ?? "")})",
    };
}
