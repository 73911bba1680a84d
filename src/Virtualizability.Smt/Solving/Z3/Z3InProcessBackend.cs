using System.Collections.Immutable;
using System.Reflection;
using Microsoft.Z3;
using Virtualizability.Smt.Terms;
using Sort = Virtualizability.Smt.Terms.Sort;

namespace Virtualizability.Smt.Solving.Z3;

/// <summary>
/// Z3 in this process, through <see cref="NativeContext"/>. Each check gets its own context, disposed at the end,
/// so checks may run on many threads at once.
/// <para>
/// The time limit of a check is CPU time of the solving thread (on Linux), so that a check decides the same queries
/// on a loaded machine as on an idle one: with a wall-clock limit, a machine shared by many processes gave each
/// check a fraction of its limit and turned answers into timeouts. A wall-clock limit of
/// <see cref="WallClockFactor"/> times the limit still bounds every check. Where the thread's CPU clock cannot be
/// read, the limit is wall-clock time.
/// </para>
/// </summary>
public sealed class Z3InProcessBackend : ISolverBackend
{
    public Z3InProcessBackend() => Z3Library.EnsureResolver();

    public string Name => "z3 (in-process)";

    public SolverResult Check(Query query, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var phases = Z3PhaseTimes.Start();
        using var ctx = new NativeContext(new Dictionary<string, string> { ["model"] = "true" });
        var translator = new Z3TermTranslator(ctx, HandleOf(ctx));
        using var solver = SolverFor(ctx, query);
        var cpu = ThreadCpuClock.ForCurrentThread();
        solver.Set("timeout", SolverLimits.Milliseconds(cpu is null ? timeout : timeout * WallClockFactor));
        phases?.SetUp();
        // The disjunction to split goes first: the split-clause tactic splits the first clause of the goal.
        var assertions = query.SplitLastDisjunction ? [query.Assertions[^1], .. query.Assertions[..^1]] : query.Assertions;
        foreach (var assertion in assertions) solver.Assert(translator.Translate(assertion));
        phases?.Translated();

        Status status;
        CpuLimit? limit = null;
        using (var interrupter = new CheckInterrupter(ctx))
        using (cancellationToken.Register(interrupter.Start))
        using (limit = cpu is null ? null : new CpuLimit(cpu, timeout, interrupter))
        {
            status = solver.Check();
            interrupter.Finish();
        }
        phases?.Searched();
        cancellationToken.ThrowIfCancellationRequested();

        switch (status)
        {
            case Status.UNSATISFIABLE:
                return new SolverResult.Unsat();
            case Status.SATISFIABLE when limit is { Fired: true }:
                // The limit ran out as the check returned: the interrupt has cancelled the context, and its model can
                // no longer be read (Z3 says "canceled"). A sat without a model is no answer.
                return new SolverResult.Timeout(timeout);
            case Status.SATISFIABLE:
            {
                using var model = solver.Model;
                var reader = new Z3ModelReader(ctx, model, translator);
                try
                {
                    var symbols = query.FreeVariables.ToImmutableDictionary(v => v.Name!, reader.ValueOf);
                    var observed = query.Observed.Select(reader.ValueOf).ToImmutableArray();
                    return new SolverResult.Sat(new SolverModel(symbols, observed));
                }
                catch (FormatException e)
                {
                    // The answer is sat, but without a model we can read nothing can be replayed: say so.
                    return new SolverResult.Unknown($"sat, but the model could not be read: {e.Message}");
                }
            }
            default:
                var reason = solver.ReasonUnknown ?? "unknown";
                // Z3 reports an expired timer as "timeout" or, when it fires inside a tactic, as "canceled"; the CPU-time
                // limit's interrupt as "canceled" or "interrupted" (a cancellation through the token throws above).
                return reason.Contains("timeout", StringComparison.OrdinalIgnoreCase) || reason.Contains("canceled", StringComparison.OrdinalIgnoreCase)
                       || reason.Contains("interrupt", StringComparison.OrdinalIgnoreCase)
                    ? new SolverResult.Timeout(timeout)
                    : new SolverResult.Unknown(reason);
        }
    }

    /// <summary>
    /// The solver Z3's own front end uses for a script that says (set-logic QF_BV) or QF_ABV: the logic's tactic
    /// (simplification, then bit-blasting to SAT), which is an order of magnitude faster on these queries than the
    /// incremental SMT core of MkSimpleSolver. NativeContext has no MkSolver(logic), so it is built from the native
    /// call and NativeSolver's internal constructor; if the bindings change shape, the simple solver is used.
    /// </summary>
    private static NativeSolver SolverFor(NativeContext ctx, Query query)
    {
        if (LogicSolverConstructor is { } make && ContextHandle?.GetValue(ctx) is IntPtr handle && handle != IntPtr.Zero)
        {
            var arrays = TermTraversal.PostOrder(query.Assertions).Any(t => t.Sort.IsArray);
            var solver = query.SplitLastDisjunction && query.Assertions[^1].Kind == TermKind.Or
                ? SplittingSolver(handle, arrays ? "qfaufbv" : "qfbv")
                : Native.Z3_mk_solver_for_logic(handle, Native.Z3_mk_string_symbol(handle, arrays ? "QF_ABV" : "QF_BV"));
            return (NativeSolver)make.Invoke([ctx, solver]);
        }
        return ctx.MkSimpleSolver();
    }

    /// <summary>
    /// split-clause, then the logic's own tactic on each alternative in turn: the first satisfiable alternative
    /// answers sat (its model is a model of the whole), all unsat answer unsat. Each alternative is then
    /// preprocessed and bit-blasted on its own, with its conjuncts at the top where solve-eqs and elim-uncnstr can
    /// use them; inside one disjunction they cannot, and pdp10's SUBI batch (mode-sensitive on all states or
    /// per-state-mode) took z3 6 s and 106,000 conflicts as one SAT problem, 0.2 s split.
    /// </summary>
    private static IntPtr SplittingSolver(IntPtr ctx, string logicTactic)
    {
        var split = Native.Z3_mk_tactic(ctx, "split-clause");
        Native.Z3_tactic_inc_ref(ctx, split);
        var each = Native.Z3_mk_tactic(ctx, logicTactic);
        Native.Z3_tactic_inc_ref(ctx, each);
        var both = Native.Z3_tactic_and_then(ctx, split, each);
        Native.Z3_tactic_inc_ref(ctx, both);
        var solver = Native.Z3_mk_solver_from_tactic(ctx, both);
        Native.Z3_tactic_dec_ref(ctx, both);
        Native.Z3_tactic_dec_ref(ctx, each);
        Native.Z3_tactic_dec_ref(ctx, split);
        return solver;
    }

    /// <summary>The wall-clock bound of a check, as a multiple of its CPU-time limit.</summary>
    public const int WallClockFactor = 10;

    private static readonly ConstructorInfo? LogicSolverConstructor =
        typeof(NativeSolver).GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, [typeof(NativeContext), typeof(IntPtr)]);

    // NativeContext exposes no interrupt; Z3_interrupt needs the raw context handle, which the bindings keep in an
    // internal property. Without it a cancelled check simply runs until its timeout.
    private static readonly PropertyInfo? ContextHandle =
        typeof(NativeContext).GetProperty("nCtx", BindingFlags.Instance | BindingFlags.NonPublic);

    private static void Interrupt(NativeContext ctx)
    {
        if (HandleOf(ctx) is var handle && handle != IntPtr.Zero) Native.Z3_interrupt(handle);
    }

    /// <summary>The raw Z3_context of <paramref name="ctx"/>, or zero when the bindings hide it.</summary>
    private static IntPtr HandleOf(NativeContext ctx) => ContextHandle?.GetValue(ctx) is IntPtr handle ? handle : IntPtr.Zero;

    /// <summary>
    /// Interrupts a check once cancellation is requested. Z3_interrupt only reaches a check that is already running:
    /// a token cancelled between registration and the start of the check (common on a loaded machine) would be
    /// lost and the check would run to its timeout. So the interrupt is repeated until the check has returned;
    /// the lock keeps it from touching the context after <see cref="Finish"/>, before the context is disposed.
    /// </summary>
    private sealed class CheckInterrupter(NativeContext ctx) : IInterruptible, IDisposable
    {
        private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(10);
        private readonly Lock gate = new();
        private bool finished;
        private Timer? timer;

        public void Start()
        {
            lock (gate)
            {
                if (finished || timer is not null) return;
                Interrupt(ctx);
                timer = new Timer(_ => Tick(), null, Period, Period);
            }
        }

        private void Tick()
        {
            lock (gate)
                if (!finished) Interrupt(ctx);
        }

        public void Finish()
        {
            lock (gate)
            {
                finished = true;
                timer?.Dispose();
            }
        }

        public void Dispose() => Finish();
    }
}

/// <summary>
/// Interrupts a check once the solving thread has used its CPU-time limit (polled; the check then reports "canceled",
/// read as a timeout).
/// </summary>
internal sealed class CpuLimit : IDisposable
{
    private readonly ThreadCpuClock clock;
    private readonly TimeSpan end;
    private readonly Action interrupt;
    private readonly Timer timer;

    public CpuLimit(ThreadCpuClock clock, TimeSpan limit, IInterruptible check)
    {
        this.clock = clock;
        end = (clock.Now ?? TimeSpan.Zero) + limit;
        interrupt = check.Start;
        var period = TimeSpan.FromMilliseconds(Math.Clamp(limit.TotalMilliseconds / 20, 1, 25));
        timer = new Timer(_ => Tick(), null, period, period);
    }

    /// <summary>The limit ran out (the check was interrupted, or was about to return).</summary>
    public bool Fired { get; private set; }

    private void Tick()
    {
        if (clock.Now is not { } now || now < end) return;
        Fired = true;
        interrupt();
    }

    public void Dispose() => timer.Dispose();
}

internal interface IInterruptible
{
    /// <summary>Interrupts the check (repeatedly, until it has returned).</summary>
    void Start();
}

/// <summary>Reads values out of a Z3 model into <see cref="ModelValue"/>s.</summary>
internal sealed class Z3ModelReader(NativeContext ctx, NativeModel model, Z3TermTranslator translator)
{
    public ModelValue ValueOf(Term term) => Read(model.Eval(translator.Translate(term), true), term.Sort);

    private ModelValue Read(IntPtr value, Sort sort)
    {
        switch (sort.Kind)
        {
            case SortKind.Bool:
                return ctx.ToString(value) switch
                {
                    "true" => new BoolValue(true),
                    "false" => new BoolValue(false),
                    var other => throw new FormatException($"not a Boolean value: {other}"),
                };
            case SortKind.BitVec:
                return new BitVecValue(Bits(value), sort.Width);
            default:
            {
                if (!model.TryGetArrayValue(value, out var array))
                    throw new FormatException($"array value in an unsupported form: {ctx.ToString(value)}");
                var result = ArrayValue.Constant(sort.IndexWidth, sort.Width, Bits(array.Else));
                foreach (var (index, element) in array.Updates) result = result.Write(Bits(index), Bits(element));
                return result;
            }
        }
    }

    private ulong Bits(IntPtr numeral)
    {
        if (ctx.TryGetNumeralUInt64(numeral, out var v)) return v;
        return ulong.TryParse(ctx.GetNumeralString(numeral), out v) ? v : throw new FormatException($"not a bit-vector numeral: {ctx.ToString(numeral)}");
    }
}
