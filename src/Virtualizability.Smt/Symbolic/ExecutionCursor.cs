using System.Collections.Immutable;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Smt.Symbolic;

/// <summary>
/// Where a symbolic execution stands: the condition under which it is still running (<see cref="Live"/>: false
/// once every path has trapped, halted or returned), the machine state on those paths and the local values.
/// </summary>
internal sealed record ExecutionCursor(Term Live, SymbolicState State, ImmutableDictionary<Local, Term> Locals)
{
    public bool IsDead => Live.IsFalse;

    public ExecutionCursor Assuming(Term condition) => this with { Live = Term.And(Live, condition) };

    public ExecutionCursor WithLocal(Local local, Term value) => this with { Locals = Locals.SetItem(local, value) };

    /// <summary>
    /// Joins the two arms of a branch on <paramref name="condition"/>. <paramref name="live"/> is the joined
    /// liveness, computed by the caller (who knows whether either arm ended any path).
    /// </summary>
    public static ExecutionCursor Join(Term condition, ExecutionCursor then, ExecutionCursor @else, Term live, ImmutableDictionary<Local, Term> scope)
    {
        if (@else.IsDead) return then with { Live = live, Locals = Restrict(then.Locals, scope) };
        if (then.IsDead) return @else with { Live = live, Locals = Restrict(@else.Locals, scope) };
        var locals = scope.Keys.ToImmutableDictionary(k => k, k => Term.Ite(condition, then.Locals[k], @else.Locals[k]));
        return new ExecutionCursor(live, SymbolicState.Merge(condition, then.State, @else.State), locals);
    }

    // Locals declared inside an arm go out of scope at the join; those declared before it carry on.
    private static ImmutableDictionary<Local, Term> Restrict(ImmutableDictionary<Local, Term> locals, ImmutableDictionary<Local, Term> scope) =>
        scope.Keys.ToImmutableDictionary(k => k, k => locals[k]);
}
