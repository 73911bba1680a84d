using System.CommandLine;
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

        var state = new Table().Title("State").AddColumns("name", "type", "slot", "fields", "line");
        foreach (var r in s.Registers)
        {
            var type = r.Count is { } n ? $"bits({r.Width})[{n}]" : $"bits({r.Width})";
            var fields = string.Join(", ", r.Fields.Select(f => f.High == f.Low ? $"{f.Name}:{f.High}" : $"{f.Name}:{f.High}..{f.Low}")
                .Concat(r.Hardwired.Select(h => $"[{h.Index}]={h.Value}")));
            state.AddRow(Markup.Escape(r.Name), Markup.Escape(type), r.Slot.ToString(), Markup.Escape(fields), Markup.Escape(At(s, r.DeclaredIn, r.Line)));
        }
        foreach (var m in s.Memories)
            state.AddRow(Markup.Escape(m.Name), Markup.Escape($"memory bits({m.AddressWidth}) -> bits({m.CellWidth}), {m.Endianness}"), "", "", Markup.Escape(At(s, m.DeclaredIn, m.Line)));
        console.Write(state);

        var roles = new Table().Title("Popek–Goldberg roles").AddColumns("role", "state");
        roles.AddRow("program counter P", Markup.Escape(s.Roles.ProgramCounter));
        roles.AddRow("storage E", Markup.Escape(s.Roles.Storage));
        roles.AddRow("mode M", Markup.Escape(string.Join(", ", s.Roles.Mode)));
        roles.AddRow("resources R", Markup.Escape(string.Join(", ", s.Roles.Resources)));
        roles.AddRow("time", Markup.Escape(s.Roles.Time.Count == 0 ? "(none)" : string.Join(", ", s.Roles.Time)));
        roles.AddRow("VM map", Markup.Escape(s.Roles.VmMap ?? "(none)"));
        console.Write(roles);

        var exceptions = new Table().Title("Exceptions").AddColumns("name", "parameters", "line");
        foreach (var e in s.Exceptions) exceptions.AddRow(Markup.Escape(e.Name), Markup.Escape(string.Join(", ", e.Parameters)), Markup.Escape(At(s, e.DeclaredIn, e.Line)));
        console.Write(exceptions);

        var instructions = new Table().Title($"Instructions ({s.Instructions.Count})").AddColumns("name", "encoding", "mask / value", "line", "description");
        foreach (var i in s.Instructions)
            instructions.AddRow(Markup.Escape(i.Name), Markup.Escape(i.Encoding), Markup.Escape($"{i.Mask} / {i.Value}"), Markup.Escape(At(s, i.DeclaredIn, i.Line)), Markup.Escape(i.Description ?? ""));
        console.Write(instructions);
    }

    // The line in the spec itself, or "file:line" for a declaration in an include.
    private static string At(SpecSummary s, string declaredIn, int line) =>
        declaredIn == Path.GetFileName(s.File) ? line.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{declaredIn}:{line}";
}
