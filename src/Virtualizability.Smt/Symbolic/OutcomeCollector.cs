using System.Collections.Immutable;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Smt.Symbolic;

/// <summary>Gathers the paths that ended early (traps and halts), merging those of one kind as they arrive.</summary>
internal sealed class OutcomeCollector
{
    private readonly List<TrapOutcome> traps = new();
    private Term haltedGuard = Term.False;
    private SymbolicState? halted;

    /// <summary>How many times a path has ended here; unchanged means the running condition was not narrowed.</summary>
    public int EndedPaths { get; private set; }

    public void AddTrap(ExceptionDecl exception, Term guard, ImmutableArray<Term> arguments, SymbolicState state)
    {
        if (guard.IsFalse) return;
        EndedPaths++;
        var index = traps.FindIndex(t => ReferenceEquals(t.Exception, exception));
        if (index < 0) { traps.Add(new TrapOutcome(exception, guard, arguments, state)); return; }
        var old = traps[index];
        traps[index] = new TrapOutcome(
            exception,
            Term.Or(old.Guard, guard),
            [.. old.Arguments.Zip(arguments, (a, b) => Term.Ite(guard, b, a))],
            SymbolicState.Merge(guard, state, old.State));
    }

    public void AddHalt(Term guard, SymbolicState state)
    {
        if (guard.IsFalse) return;
        EndedPaths++;
        halted = halted is null ? state : SymbolicState.Merge(guard, state, halted);
        haltedGuard = Term.Or(haltedGuard, guard);
    }

    public StepOutcome Finish(ExecutionCursor end) =>
        new(end.Live, end.State, [.. traps], haltedGuard, halted ?? end.State);
}

/// <summary>The `return`s of one inlined call: each with the condition under which it is taken.</summary>
internal sealed class ReturnCollector
{
    public List<(Term Guard, Term? Value, SymbolicState State)> Returns { get; } = new();
}
