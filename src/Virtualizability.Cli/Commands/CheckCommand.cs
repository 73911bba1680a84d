using System.CommandLine;
using Spectre.Console;
using Virtualizability.Analysis;
using Virtualizability.Analysis.Caching;
using Virtualizability.Cli.Reports.Check;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Solving.External;
using Virtualizability.Smt.Solving.Z3;

namespace Virtualizability.Cli.Commands;

/// <summary>
/// `pgcheck check SPEC`: classifies every instruction (privileged, control-, mode-, location-, user-sensitive,
/// innocuous) under the chosen definitions and decides Theorems 1, 2 and 3, with replayed witnesses.
/// Exit: 0 Theorem 1 holds, 2 it fails (under some requested definition), 3 undecided, 1 bad input, 70 internal error.
/// </summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "ISA description file (.isa)" };
        var definition = new Option<string>("--definition", "-d") { Description = "Which definitions: classic, user, per-state or all", DefaultValueFactory = _ => "per-state" };
        definition.AcceptOnlyFromAmong("classic", "user", "per-state", "all");
        var format = new Option<string>("--format", "-f") { Description = "Output format", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif", "markdown");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output" };
        var solver = new Option<string>("--solver") { Description = "z3 (in process), z3-cli or cvc5 (external, SMT-LIB over a pipe)", DefaultValueFactory = _ => "z3" };
        solver.AcceptOnlyFromAmong("z3", "z3-cli", "cvc5");
        var timeout = new Option<int>("--timeout-ms") { Description = "Per-query time limit in milliseconds (in-process z3: CPU time of the solving thread, at most 10x that in wall time; z3-cli/cvc5: wall time)", DefaultValueFactory = _ => 10000 };
        var fallback = new Option<string>("--fallback-solver") { Description = "Ask this solver when the first gives no answer within a fifth of the limit (then the first again with the whole limit): cvc5, z3-cli, z3 or none", DefaultValueFactory = _ => "cvc5" };
        fallback.AcceptOnlyFromAmong("cvc5", "z3-cli", "z3", "none");
        var emit = new Option<string?>("--emit-smt") { Description = "Write every query as a self-contained SMT-LIB 2 file into this directory" };
        var instruction = new Option<string[]>("--instruction", "-i") { Description = "Check only this instruction (repeatable)" };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the result cache ($PGCHECK_CACHE_DIR, else $XDG_CACHE_HOME/pgcheck)" };
        var noSearch = new Option<bool>("--no-search") { Description = "Ask the solver every question: no concrete witness search before it (every witness then comes from a solver's model)" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Instructions checked in parallel", DefaultValueFactory = _ => 2 };
        var command = new Command("check", "Decide the Popek–Goldberg classification and theorems for a spec, with replayed witnesses")
        {
            spec, definition, format, output, solver, fallback, timeout, emit, instruction, noCache, noSearch, jobs,
        };
        command.SetAction(parse => CommandGuard.Run(() => Run(new CheckRequest(
            parse.GetRequiredValue(spec),
            parse.GetValue(definition)!,
            parse.GetValue(format)!,
            parse.GetValue(output),
            parse.GetValue(solver)!,
            parse.GetValue(fallback)!,
            parse.GetValue(timeout),
            parse.GetValue(emit),
            parse.GetValue(instruction) ?? [],
            parse.GetValue(noCache),
            parse.GetValue(noSearch),
            parse.GetValue(jobs)))));
        return command;
    }

    private sealed record CheckRequest(string Spec, string Definition, string Format, string? Output, string Solver, string Fallback, int TimeoutMs, string? EmitSmt, string[] Instructions, bool NoCache, bool NoSearch, int Jobs);

    private static int Run(CheckRequest request)
    {
        if (request.TimeoutMs <= 0) throw new UsageException("--timeout-ms must be positive");
        if (request.Jobs <= 0) throw new UsageException("--jobs must be positive");
        var model = SpecLoader.Load(request.Spec);
        if (model is null) return ExitCodes.BadInput;
        var missing = request.Instructions.Where(n => model.Instruction(n) is null).ToList();
        if (missing.Count > 0) throw new UsageException($"{request.Spec}: no instruction named {string.Join(", ", missing)}");

        var options = new AnalysisOptions
        {
            Solver = Backend(request.Solver),
            // The same solver again would only repeat its timeout.
            FallbackSolver = request.Fallback == "none" || request.Fallback == request.Solver ? null : Backend(request.Fallback),
            Timeout = TimeSpan.FromMilliseconds(request.TimeoutMs),
            Definitions = request.Definition == "all" ? Definitions.All : [Definitions.Parse(request.Definition)!.Value],
            EmitSmtDirectory = request.EmitSmt,
            Instructions = request.Instructions,
            CacheDirectory = request.NoCache ? null : ResultCache.DefaultDirectory(),
            Parallelism = request.Jobs,
            ConcreteSearch = !request.NoSearch,
            Progress = ProgressReporter(),
        };
        var report = SpecAnalyzer.Check(model, options);
        if (!Console.IsErrorRedirected) Console.Error.WriteLine();

        var text = request.Format switch
        {
            "json" => CheckJson.Render(report, request.Definition == "all"),
            "sarif" => CheckSarif.Render(report, request.Spec),
            "markdown" => CheckMarkdown.Render(report),
            _ => null,
        };
        if (text is not null)
        {
            if (request.Output is { } file) File.WriteAllText(file, text);
            else Console.Out.Write(text);
        }
        else if (request.Output is { } file)
        {
            using var writer = new StreamWriter(file);
            CheckText.Render(report, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors }));
        }
        else CheckText.Render(report, AnsiConsole.Console);

        return ExitCode(report);
    }

    /// <summary>70 for internal errors (said loudly on stderr), then Theorem 1: 2 fails anywhere, 3 undecided, 0 holds.</summary>
    internal static int ExitCode(SpecReport report)
    {
        var errors = report.InternalErrors.ToList();
        if (errors.Count > 0)
        {
            foreach (var e in errors) Console.Error.WriteLine($"pgcheck: INTERNAL ERROR: {e}");
            return ExitCodes.InternalError;
        }
        if (report.Definitions.Any(d => d.Virtualizable.IsNo)) return ExitCodes.PropertyFails;
        if (report.Definitions.Any(d => d.Virtualizable.IsUnknown)) return ExitCodes.Undecided;
        return ExitCodes.Success;
    }

    private static ISolverBackend Backend(string name) => name switch
    {
        "z3-cli" => ExternalSolverBackend.Z3(),
        "cvc5" => ExternalSolverBackend.Cvc5(),
        _ => new Z3InProcessBackend(),
    };

    // A counter on stderr, only for a person watching a terminal.
    private static Action<int, int>? ProgressReporter()
    {
        if (Console.IsErrorRedirected) return null;
        var gate = new object();
        return (done, total) =>
        {
            lock (gate) Console.Error.Write($"\rchecked {done}/{total} instructions");
        };
    }
}
