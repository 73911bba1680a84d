using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Virtualizability.Cli.Reports;

namespace Virtualizability.Cli.Commands;

/// <summary>`pgcheck info SPEC [--format text|json]`: state, roles and instructions of a spec.</summary>
public static class InfoCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "ISA description file (.isa)" };
        var format = new Option<string>("--format", "-f") { Description = "Output format", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("info", "Describe a spec: its state, Popek–Goldberg roles and instructions with their encodings") { spec, format };
        command.SetAction(parse => CommandGuard.Run(() => Run(parse.GetRequiredValue(spec), parse.GetValue(format)!)));
        return command;
    }

    private static int Run(string path, string format)
    {
        var model = SpecLoader.Load(path);
        if (model is null) return ExitCodes.BadInput;
        var summary = SpecSummary.From(model);
        if (format == "json") Console.WriteLine(Json.Serialize(summary));
        else RenderText(summary);
        return ExitCodes.Success;
    }

    private static void RenderText(SpecSummary s)
    {
        var console = AnsiConsole.Console;
        console.MarkupLineInterpolated($"[bold]{s.Isa}[/]: {s.Title}");
        console.WriteLine($"file {s.File}; encoding {s.Encoding.Kind} {s.Encoding.Width}");

        var state = new List<string[]>(s.Registers.Count + s.Memories.Count);
        foreach (var r in s.Registers)
        {
            var type = r.Count is { } n ? $"bits({r.Width})[{n}]" : $"bits({r.Width})";
            var fields = string.Join(", ", r.Fields.Select(f => f.High == f.Low ? $"{f.Name}:{f.High}" : $"{f.Name}:{f.High}..{f.Low}")
                .Concat(r.Hardwired.Select(h => $"[{h.Index}]={h.Value}")));
            state.Add([r.Name, type, r.Slot.ToString(CultureInfo.InvariantCulture), fields, At(s, r.DeclaredIn, r.Line)]);
        }
        foreach (var m in s.Memories)
            state.Add([m.Name, $"memory bits({m.AddressWidth}) -> bits({m.CellWidth}), {m.Endianness}", "", "", At(s, m.DeclaredIn, m.Line)]);
        TextTable.Write(console, "State", ["name", "type", "slot", "fields", "line"], state);

        TextTable.Write(console, "Popek–Goldberg roles", ["role", "state"],
        [
            ["program counter P", s.Roles.ProgramCounter],
            ["storage E", s.Roles.Storage],
            ["mode M", string.Join(", ", s.Roles.Mode)],
            ["resources R", string.Join(", ", s.Roles.Resources)],
            ["time", s.Roles.Time.Count == 0 ? "(none)" : string.Join(", ", s.Roles.Time)],
            ["VM map", s.Roles.VmMap ?? "(none)"],
        ]);

        TextTable.Write(console, "Exceptions", ["name", "parameters", "line"],
            s.Exceptions.Select(e => new[] { e.Name, string.Join(", ", e.Parameters), At(s, e.DeclaredIn, e.Line) }).ToList());

        TextTable.Write(console, $"Instructions ({s.Instructions.Count})", ["name", "encoding", "mask / value", "line", "description"],
            s.Instructions.Select(i => new[] { i.Name, i.Encoding, $"{i.Mask} / {i.Value}", At(s, i.DeclaredIn, i.Line), i.Description ?? "" }).ToList());
    }

    // The line in the spec itself, or "file:line" for a declaration in an include.
    private static string At(SpecSummary s, string declaredIn, int line) =>
        declaredIn == Path.GetFileName(s.File) ? line.ToString(CultureInfo.InvariantCulture) : $"{declaredIn}:{line}";
}
