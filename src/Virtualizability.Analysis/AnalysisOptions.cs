using Virtualizability.Analysis.Replay;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Solving.Z3;

namespace Virtualizability.Analysis;

/// <summary>How to run a check.</summary>
public sealed record AnalysisOptions
{
    /// <summary>The solver; each check of the in-process Z3 back end uses its own NativeContext, disposed after it.</summary>
    public ISolverBackend Solver { get; init; } = new Z3InProcessBackend();

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(10000);

    /// <summary>
    /// A second solver for the queries the first leaves undecided (timeout or unknown), with the same limit. Two
    /// sound solvers differ in which queries they find hard (the in-process z3 gives up on some that cvc5 answers in a
    /// second); a sat answer is replayed on the executable model like any other.
    /// </summary>
    public ISolverBackend? FallbackSolver { get; init; }

    public IReadOnlyList<Definition> Definitions { get; init; } = [Definition.PerState];

    /// <summary>When set, every query is written there as &lt;isa&gt;.&lt;instruction&gt;.&lt;property&gt;.&lt;definition&gt;.smt2.</summary>
    public string? EmitSmtDirectory { get; init; }

    /// <summary>
    /// When set, results are read from and written to this directory (<see cref="Caching.ResultCache"/>); witnesses
    /// loaded from it are replayed again before they are shown. Ignored while emitting SMT files.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>
    /// Before asking the solver whether a word has a property, try a small budget of concrete candidates on the
    /// executable model (Search/WitnessSearch, docs/definitions.md "How the checker asks"): a candidate the replay
    /// confirms is a witness, and that question is answered yes without a query. Off: every witness is a solver's model.
    /// </summary>
    public bool ConcreteSearch { get; init; } = true;

    /// <summary>Only these instructions (by name); empty means all. Theorems then speak of the selection only.</summary>
    public IReadOnlyList<string> Instructions { get; init; } = [];

    /// <summary>Instructions analysed at once (this machine has two cores).</summary>
    public int Parallelism { get; init; } = 2;

    /// <summary>Called after each instruction with (done, total); from worker threads.</summary>
    public Action<int, int>? Progress { get; init; }

    /// <summary>
    /// Fault injection for tests: rewrites a claim between the solver and the replay, so that a test can check that a
    /// disagreement is reported as an internal error.
    /// </summary>
    internal Func<ConcreteClaim, ConcreteClaim>? TamperWithClaim { get; init; }
}
