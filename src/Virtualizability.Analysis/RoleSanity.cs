using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Analysis;

/// <summary>
/// A spec whose roles contradict each other, found before any instruction is analysed. The message is located
/// at the spec text to change; commands report it as bad input, not as an error of pgcheck.
/// </summary>
public sealed class InvalidSpecException(SourceSpan span, string message) : Exception(message)
{
    public SourceSpan Span { get; } = span;

    public override string ToString() => $"{Span}: error: {Message}";
}

/// <summary>
/// Every mode question compares a state with its twin in the other mode, made by the `enter` blocks. That needs
/// `enter supervisor` to give a state where `supervisor when` holds and `enter user` one where `user when` holds,
/// whatever the state before. The front end cannot decide this (an enter block that sets M := 0 against a predicate
/// `M == 1`, a predicate that no state satisfies); before this check such a spec ended every instruction in
/// "internal error: the twin state does not flip the supervisor predicate".
/// </summary>
internal static class RoleSanity
{
    public static void Check(IsaModel model, AnalysisOptions options)
    {
        var s = SymbolicState.Fresh(model, "roles");
        var roles = model.Roles;
        var supervisor = SymbolicExecutor.EnterSupervisor(model, s);
        Require(options, Term.Not(SymbolicExecutor.IsSupervisor(model, supervisor)), roles.EnterSupervisor.Span,
            "'enter supervisor' can give a state where the 'supervisor when' predicate does not hold; " +
            "it must put every state in supervisor mode (check the block against the predicate, and that the predicate can hold at all)");
        var user = SymbolicExecutor.EnterUser(model, s);
        var isUser = roles.UserPredicate is { } predicate
            ? SymbolicExecutor.EvaluatePure(predicate, user)
            : Term.Not(SymbolicExecutor.IsSupervisor(model, user));
        Require(options, Term.Not(isUser), roles.EnterUser.Span,
            $"'enter user' can give a state where {(roles.UserPredicate is null ? "the 'supervisor when' predicate still holds" : "the 'user when' predicate does not hold")}; " +
            "it must put every state in user mode (check the block against the predicate, and that the predicate can hold at all)");
    }

    /// <summary>Throws when the counterexample condition is satisfiable; an undecided query lets the analysis go on.</summary>
    private static void Require(AnalysisOptions options, Term counterexample, SourceSpan span, string message)
    {
        var query = new Query([counterexample], ImmutableArray<Term>.Empty, "roles: enter blocks give their mode");
        if (options.Solver.Check(query, options.Timeout) is SolverResult.Sat) throw new InvalidSpecException(span, message);
    }
}
