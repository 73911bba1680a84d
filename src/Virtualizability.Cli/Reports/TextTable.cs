using System.Text;
using Spectre.Console;

namespace Virtualizability.Cli.Reports;

/// <summary>
/// A titled table of plain strings for the text reports. Up to <see cref="BoxedRowLimit"/> rows it is Spectre's boxed
/// table, which a person reads at a glance. Past that nobody reads the box, and laying it out is what made
/// `pgcheck info` on a spec of 300,000 registers take 18 s of CPU and 1.3 GB: Spectre measures, wraps and keeps
/// every cell as segments. Such a table is written as plain columns instead, one line per row, in one pass.
/// </summary>
internal static class TextTable
{
    public const int BoxedRowLimit = 2000;

    // A long cell (a description, say) widens its column no further than this; later cells of the line shift right.
    private const int MaxPaddedWidth = 40;

    public static void Write(IAnsiConsole console, string title, string[] columns, IReadOnlyList<string[]> rows)
    {
        if (rows.Count <= BoxedRowLimit)
        {
            var table = new Table().Title(Markup.Escape(title)).AddColumns(columns.Select(Markup.Escape).ToArray());
            foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
            console.Write(table);
            return;
        }
        var widths = new int[columns.Length];
        foreach (var row in rows.Prepend(columns))
            for (var c = 0; c < row.Length; c++) widths[c] = Math.Min(MaxPaddedWidth, Math.Max(widths[c], row[c].Length));
        Console.Out.Flush();
        using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        output.WriteLine($"{title} ({rows.Count} rows)");
        var line = new StringBuilder();
        foreach (var row in rows.Prepend(columns))
        {
            line.Clear();
            for (var c = 0; c < row.Length; c++)
            {
                if (c > 0) line.Append("  ");
                line.Append(c == row.Length - 1 ? row[c] : row[c].PadRight(widths[c]));
            }
            output.WriteLine(line.ToString().TrimEnd());
        }
    }
}
