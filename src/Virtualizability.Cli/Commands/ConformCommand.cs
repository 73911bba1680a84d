using System.CommandLine;
using Spectre.Console;
using Virtualizability.Cli.Reports;
using Virtualizability.Conformance.Runs;
using Virtualizability.Execution;

namespace Virtualizability.Cli.Commands;

/// <summary>
/// `pgcheck conform`: property-based conformance runs of random MIPS32 programs on the bare spec model, the model under
/// the VMM and the independent reference interpreter (Virtualizability.Conformance). Exit 0 when all agree, 2 on a
/// divergence (printed shrunk, with the seed that replays it), 1 on bad usage.
/// </summary>
public static class ConformCommand
{
    public const int DefaultRuns = 1000;

    public static Command Create()
    {
        var isa = new Option<string?>("--isa") { Description = $"The MIPS32 spec to check (default: {RunCommand.DefaultIsa}, looked up here and above the pgcheck build)" };
        var runs = new Option<int>("--runs") { Description = "Random programs to run", DefaultValueFactory = _ => DefaultRuns };
        var seed = new Option<ulong?>("--seed") { Description = "Replay seed (printed by every run; the same seed, --runs and --max-length give the same programs)" };
        var maxLength = new Option<int>("--max-length") { Description = $"Longest program, in instructions (1..{ConformOptions.LongestProgram})", DefaultValueFactory = _ => 200 };
        var format = new Option<string>("--format") { Description = "text or json (a summary for scripts; docs/conformance.md)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("conform", "Run random programs on the bare model, under the VMM and on the reference interpreter, and compare them")
        {
            isa, runs, seed, maxLength, format,
        };
        command.SetAction(parse => CommandGuard.Run(() => Run(
            parse.GetValue(isa),
            parse.GetValue(runs),
            parse.GetValue(seed),
            parse.GetValue(maxLength),
            parse.GetValue(format)!)));
        return command;
    }

    private static int Run(string? isaPath, int runs, ulong? seed, int maxLength, string format)
    {
        if (runs <= 0) throw new UsageException("--runs must be positive");
        if (maxLength is <= 0 or > ConformOptions.LongestProgram) throw new UsageException($"--max-length must be between 1 and {ConformOptions.LongestProgram}");
        var path = isaPath ?? RunCommand.FindDefaultIsa();
        var model = SpecLoader.Load(path);
        if (model is null) return ExitCodes.BadInput;
        if (MipsSpecCheck.Problem(model) is { } problem) throw new UsageException($"{path}: {problem}");

        // Seeds that fit in 31 bits are easy to type back; any 64-bit seed replays.
        var options = new ConformOptions(runs, seed ?? (ulong)Random.Shared.Next(), maxLength);
        var result = WithProgress(runs, progress => ConformanceRunner.Run(CompiledIsa.Compile(model), options, progress));
        var replay = $"pgcheck conform --isa {path} --seed {options.Seed} --runs {runs} --max-length {maxLength}";
        Console.Out.Write(format == "json" ? ConformJson.Render(path, result, replay) : ConformText.Render(result, replay));
        return result.Failure is null ? ExitCodes.Success : ExitCodes.PropertyFails;
    }

    // A Spectre.Console progress bar on stderr, only for a person watching a terminal.
    private static ConformResult WithProgress(int runs, Func<Action<int>?, ConformResult> run)
    {
        if (Console.IsErrorRedirected) return run(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("conform", maxValue: runs);
                var result = run(passed => task.Value = passed);
                task.StopTask();
                return result;
            });
    }
}
