using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Lemmas;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Allocation;

/// <summary>
/// Lemmas about the renaming functions of a spec's `vmmap`: a spec function called there with a resource value and the
/// map's offset (s360's <c>rename(KEY, x)</c>, which rotates the non-zero storage keys) maps distinct values to distinct
/// values for every offset. The real machine decides each access by comparing renamed values (a renamed storage key
/// with the renamed PSW key, the renamed key with 0) where the guest compares the values themselves; without the fact
/// the solver rediscovers the rotation's injectivity bit by bit at every checked address (s360 CLC equivalence: 28 s of
/// z3 CPU with it rediscovered, 5 s with the instances asserted; docs/vmm-proofs.md). Each lemma is stated with the
/// spec's own function, run on terms (the executor's evaluation of the call), proved once in its own file, and
/// instantiated at every comparison f(a, x) = f(b, x) of two renamed values in an obligation.
/// </summary>
internal sealed class VmMapRenamingLemmas
{
    private readonly SymbolicState _anyState;
    private readonly List<(Renaming Renaming, AllocatorLemma Lemma)> _lemmas;

    /// <summary>A vmmap function of a value (the parameter at <paramref name="ValueParameter"/>) and the map's offset.</summary>
    private sealed record Renaming(FunctionDecl Function, int ValueParameter);

    public VmMapRenamingLemmas(IsaModel model)
    {
        // The renaming functions read no state (RenamingCalls checks it): any state serves to evaluate them.
        _anyState = SymbolicState.Fresh(model, "vmmap.");
        _lemmas = [.. RenamingCalls(model, _anyState).Select(r => (r, Lemma(r)))];
        All = [.. _lemmas.Select(l => l.Lemma)];
    }

    /// <summary>One lemma per renaming function of the vmmap (none when the map calls no function of a value and the offset).</summary>
    public IReadOnlyList<AllocatorLemma> All { get; }

    /// <summary>
    /// For each comparison f(a, offset) = f(b, offset) among <paramref name="terms"/> (the renamed values are found by
    /// running f on every term of the value's width and looking the result up), the instance for a, b and the offset.
    /// </summary>
    public IEnumerable<LemmaInstance> Instances(Term offset, IReadOnlySet<Term> terms)
    {
        foreach (var (renaming, lemma) in _lemmas)
        {
            var width = lemma.Variables[0].Width;
            if (offset.Sort != lemma.Variables[2].Sort) continue;
            // Renamed value -> the values it is the renaming of (a constant whose renaming is itself, s360's master key 0,
            // included); every one of them gets its instances, so the choice does not depend on the set's order.
            var renamed = new Dictionary<Term, List<Term>>();
            foreach (var t in terms.Where(t => t.Sort.IsBitVec && t.Width == width))
                if (Apply(renaming, _anyState, t, offset) is var image && terms.Contains(image))
                    (renamed.TryGetValue(image, out var list) ? list : renamed[image] = []).Add(t);
            foreach (var comparison in terms.Where(t => t.Kind == TermKind.Eq))
                if (renamed.TryGetValue(comparison.Args[0], out var first) && renamed.TryGetValue(comparison.Args[1], out var second))
                    foreach (var a in first)
                        foreach (var b in second)
                            yield return new LemmaInstance(lemma, [a, b, offset]);
        }
    }

    private AllocatorLemma Lemma(Renaming renaming)
    {
        var parameters = renaming.Function.Parameters;
        var (value, offset) = (parameters[renaming.ValueParameter], parameters[1 - renaming.ValueParameter]);
        var (a, b) = (Term.BvVar($"lemma.{value.Name}1", value.Type.Width), Term.BvVar($"lemma.{value.Name}2", value.Type.Width));
        var x = Term.BvVar($"lemma.{offset.Name}", offset.Type.Width);
        var f = renaming.Function.Name;
        return new AllocatorLemma($"vmmap-{f}-is-injective",
            $"the vmmap's {f} maps distinct values to distinct values for every offset: {f}({value.Name}1, {offset.Name}) = {f}({value.Name}2, {offset.Name}) exactly when {value.Name}1 = {value.Name}2",
            [a, b, x],
            Term.Eq(Term.Eq(Apply(renaming, _anyState, a, x), Apply(renaming, _anyState, b, x)), Term.Eq(a, b)));
    }

    // f(value, offset) as the executor evaluates the call.
    private static Term Apply(Renaming renaming, SymbolicState state, Term value, Term offset)
    {
        var parameters = renaming.Function.Parameters;
        var call = new CallExpr(renaming.Function, [.. parameters.Select(p => (Expr)new LocalExpr(p, p.Span))], renaming.Function.Span);
        var locals = parameters.Select((p, i) => (p, Value: i == renaming.ValueParameter ? value : offset)).ToDictionary(q => q.p, q => q.Value);
        return SymbolicExecutor.EvaluatePure(call, state, locals);
    }

    /// <summary>
    /// The functions the vmmap calls with two arguments, one of them the map's offset and the other a value of the
    /// result's width, whose value depends on the arguments only (no state read, no trap).
    /// </summary>
    private static IEnumerable<Renaming> RenamingCalls(IsaModel model, SymbolicState state)
    {
        if (model.VmMap is not { } map) yield break;
        var seen = new HashSet<FunctionDecl>();
        foreach (var call in Statements(map.Body).SelectMany(Expressions).SelectMany(Subexpressions).OfType<CallExpr>())
        {
            if (call.Arguments.Length != 2 || !seen.Add(call.Function)) continue;
            var offsetArguments = call.Arguments.Select((e, i) => (e, i)).Where(p => p.e is LocalExpr l && l.Local == map.Offset).ToList();
            if (offsetArguments.Count != 1) continue;
            var renaming = new Renaming(call.Function, 1 - offsetArguments[0].i);
            var parameters = call.Function.Parameters;
            if (call.Function.ReturnType is not { } result || result.Width != parameters[renaming.ValueParameter].Type.Width) continue;
            if (DependsOnArgumentsOnly(renaming, state)) yield return renaming;
        }
    }

    private static bool DependsOnArgumentsOnly(Renaming renaming, SymbolicState state)
    {
        var parameters = renaming.Function.Parameters;
        var (value, offset) = (Term.BvVar("probe.value", parameters[renaming.ValueParameter].Type.Width),
            Term.BvVar("probe.offset", parameters[1 - renaming.ValueParameter].Type.Width));
        try
        {
            return TermTraversal.FreeVariables([Apply(renaming, state, value, offset)]).All(v => v == value || v == offset);
        }
        catch (InvalidOperationException)
        {
            return false; // it can trap, halt or write state: not a renaming
        }
    }

    private static IEnumerable<Stmt> Statements(Stmt statement) => statement switch
    {
        Block b => b.Statements.SelectMany(Statements),
        IfStmt i => [i, .. Statements(i.Then), .. Statements(i.Else)],
        _ => [statement],
    };

    private static IEnumerable<Expr> Expressions(Stmt statement) => statement switch
    {
        LetStmt l => [l.Value],
        AssignLocalStmt a => [a.Value],
        RegisterWriteStmt r => r.Index is { } index ? [index, r.Value] : [r.Value],
        IfStmt i => [i.Condition],
        CallStmt c => c.Arguments,
        _ => [],
    };

    private static IEnumerable<Expr> Subexpressions(Expr expr) => ExprOperands.Of(expr).SelectMany(Subexpressions).Prepend(expr);
}
