using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Smt.Solving.External;

/// <summary>
/// A command-line SMT-LIB solver fed the script of <see cref="SmtLibWriter"/> on standard input. Its answer is
/// the first line of output; for sat, the get-value response gives the model.
/// </summary>
public sealed class ExternalSolverBackend : ISolverBackend
{
    private readonly Func<TimeSpan, string[]> arguments;

    private ExternalSolverBackend(string name, string executable, Func<TimeSpan, string[]> arguments)
    {
        Name = name;
        Executable = executable;
        this.arguments = arguments;
    }

    public string Name { get; }
    public string Executable { get; }

    /// <summary>z3 reading SMT-LIB from stdin, with its soft per-query timeout (answers unknown when it expires).</summary>
    public static ExternalSolverBackend Z3(string executable = "z3") =>
        new("z3", executable, t => ["-smt2", "-in", $"-t:{SolverLimits.Milliseconds(t)}"]);

    /// <summary>cvc5 reading SMT-LIB from stdin, with its per-query time limit.</summary>
    public static ExternalSolverBackend Cvc5(string executable = "cvc5") =>
        new("cvc5", executable, t => ["--lang", "smt2", "--produce-models", $"--tlimit-per={SolverLimits.Milliseconds(t)}"]);

    public SolverResult Check(Query query, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var script = SmtLibWriter.Write(query);
        // The solver's own limit should answer first; the kill deadline only guards against a solver that ignores it.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout + TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();
        BufferedCommandResult run;
        try
        {
            run = Cli.Wrap(Executable)
                .WithArguments(arguments(timeout))
                .WithStandardInputPipe(PipeSource.FromString(script, Encoding.UTF8))
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(Encoding.UTF8, Encoding.UTF8, deadline.Token)
                .GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SolverResult.Timeout(timeout);
        }
        return Interpret(query, run.StandardOutput, run.StandardError, run.ExitCode, clock.Elapsed, timeout);
    }

    private SolverResult Interpret(Query query, string stdout, string stderr, int exitCode, TimeSpan elapsed, TimeSpan timeout)
    {
        var firstLine = stdout.Split('\n', 2)[0].Trim();
        switch (firstLine)
        {
            case "unsat":
                return new SolverResult.Unsat();
            case "sat":
                try
                {
                    return new SolverResult.Sat(ReadModel(query, stdout.Split('\n', 2)[1]));
                }
                catch (FormatException e)
                {
                    return new SolverResult.Unknown($"{Name} said sat, but its model could not be read: {e.Message}");
                }
            case "unknown":
            case "timeout":
                // Both solvers say plain "unknown" when their time limit expires.
                return firstLine == "timeout" || elapsed >= timeout * 0.9 || stderr.Contains("timeout", StringComparison.OrdinalIgnoreCase)
                    ? new SolverResult.Timeout(timeout)
                    : new SolverResult.Unknown($"{Name} answered unknown");
            default:
                if (stderr.Contains("timeout", StringComparison.OrdinalIgnoreCase) || stdout.Contains("timeout", StringComparison.OrdinalIgnoreCase))
                    return new SolverResult.Timeout(timeout);
                return new SolverResult.Unknown($"{Name} exited with code {exitCode}: {Abbreviate(stdout + stderr)}");
        }
    }

    private static SolverModel ReadModel(Query query, string rest)
    {
        var requested = SmtLibWriter.RequestedValues(query).ToList();
        if (requested.Count == 0) return new SolverModel(ImmutableDictionary<string, ModelValue>.Empty, []);
        var responses = SExpression.ParseAll(rest);
        if (responses.Count == 0) throw new FormatException("no get-value response");
        var values = SmtLibValueReader.ReadGetValue(responses[0], requested.Select(t => t.Sort).ToList());
        var variables = query.FreeVariables;
        var symbols = variables.Select((v, i) => (v.Name!, values[i])).ToImmutableDictionary(p => p.Item1, p => p.Item2);
        return new SolverModel(symbols, [.. values.Skip(variables.Count)]);
    }

    private static string Abbreviate(string s) => s.Length > 400 ? s[..400] + "..." : s.Trim();
}
