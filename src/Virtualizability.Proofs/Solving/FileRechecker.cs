using System.Diagnostics;
using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Virtualizability.Proofs.Solving;

/// <summary>Runs an emitted obligation file through a command-line solver exactly as a person would (`z3 FILE`, `cvc5 FILE`).</summary>
public sealed class FileRechecker
{
    private readonly Func<string, TimeSpan, string[]> _arguments;

    private FileRechecker(string name, string executable, Func<string, TimeSpan, string[]> arguments)
    {
        Name = name;
        Executable = executable;
        _arguments = arguments;
    }

    public string Name { get; }
    public string Executable { get; }

    public static FileRechecker Z3(string executable = "z3") =>
        new("z3-cli", executable, (file, t) => [$"-T:{Math.Max(1, (int)Math.Ceiling(t.TotalSeconds))}", file]);

    public static FileRechecker Cvc5(string executable = "cvc5") =>
        new("cvc5", executable, (file, t) => [$"--tlimit={Math.Max(1, (long)t.TotalMilliseconds)}", .. Cvc5OptionsOf(file), file]);

    /// <summary>A header comment line that names the cvc5 options a file is meant to be solved with (`cvc5 OPTIONS FILE`).</summary>
    public const string Cvc5OptionsPrefix = "cvc5 options: ";

    /// <summary>The options a file's header asks cvc5 for: the --name=value words of its "; cvc5 options: " line (the rest is prose).</summary>
    public static IReadOnlyList<string> Cvc5OptionsOf(string file)
    {
        foreach (var line in File.ReadLines(file).TakeWhile(l => l.StartsWith(';')))
            if (line.TrimStart(';', ' ').StartsWith(Cvc5OptionsPrefix, StringComparison.Ordinal))
                return line.TrimStart(';', ' ')[Cvc5OptionsPrefix.Length..].Split(' ').TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal) && w.Contains('=')).ToList();
        return [];
    }

    public static FileRechecker? Named(string name) => name switch
    {
        "cvc5" => Cvc5(),
        "z3-cli" => Z3(),
        _ => null,
    };

    /// <summary>The solver's verdict on the file: "unsat" (proved), "sat" (fails), else "unknown".</summary>
    public (ProofVerdict Verdict, TimeSpan Elapsed, string Detail) Check(string file, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();
        try
        {
            var run = Cli.Wrap(Executable).WithArguments(_arguments(file, timeout)).WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(Encoding.UTF8, Encoding.UTF8, deadline.Token).GetAwaiter().GetResult();
            var first = run.StandardOutput.Split('\n', 2)[0].Trim();
            var verdict = first switch { "unsat" => ProofVerdict.Proved, "sat" => ProofVerdict.Failed, _ => ProofVerdict.Unknown };
            return (verdict, clock.Elapsed, verdict == ProofVerdict.Unknown ? (run.StandardOutput + run.StandardError).Trim() : first);
        }
        catch (OperationCanceledException)
        {
            return (ProofVerdict.Unknown, clock.Elapsed, $"{Name} did not answer within {timeout}");
        }
    }
}
