using System.Collections.Immutable;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Smt.Symbolic;

/// <summary>The executions that raise one exception: under <see cref="Guard"/>, with these arguments and the state at the trap.</summary>
public sealed record TrapOutcome(ExceptionDecl Exception, Term Guard, ImmutableArray<Term> Arguments, SymbolicState State);

/// <summary>
/// Every way a symbolic execution can end, merged by path condition. The guards are mutually exclusive and
/// together cover every input (under the execution's assumptions). Each state is meaningful only under its guard.
/// </summary>
public sealed record StepOutcome(
    Term CompletedGuard,
    SymbolicState Completed,
    ImmutableArray<TrapOutcome> Traps,
    Term HaltedGuard,
    SymbolicState Halted)
{
    /// <summary>The condition that the execution traps (with any exception).</summary>
    public Term TrapGuard => Term.Or(Traps.Select(t => t.Guard));

    /// <summary>The condition that the execution raises <paramref name="exception"/> (false when it never can).</summary>
    public Term TrapGuardOf(ExceptionDecl exception) => Trap(exception)?.Guard ?? Term.False;

    public TrapOutcome? Trap(ExceptionDecl exception) => Traps.FirstOrDefault(t => ReferenceEquals(t.Exception, exception));
}

/// <summary>
/// One whole machine step specialised to one instruction: <see cref="Decodes"/> is the condition that the fetched
/// bits decode to that instruction; <see cref="Outcome"/> is meaningful under it (traps raised before decode,
/// by the prologue or fetch, are included with guards that do not depend on it).
/// </summary>
public sealed record InstructionStep(InstructionDecl Instruction, ImmutableArray<Term> FetchedUnits, Term Decodes, StepOutcome Outcome);
