using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Analysis.Symbolic;

/// <summary>
/// One execution of an instruction word from a symbolic state, as docs/definitions.md defines it: prologue, body
/// with the word's fields, epilogue; the fetch is abstracted away (the word is given).
/// </summary>
/// <param name="Start">The state the execution starts from.</param>
/// <param name="PrologueCompletes">The prologue neither trapped nor halted; every query assumes it (asynchronous interrupts are left out).</param>
/// <param name="Completed">The execution ended normally.</param>
/// <param name="Halted">The execution ended in a halt (an outcome of its own).</param>
/// <param name="Trapped">The execution raised an exception (in the body or epilogue).</param>
/// <param name="MemoryTrapped">The exception is one of the spec's memory traps.</param>
/// <param name="Final">The state at the end, meaningful when <see cref="Done"/>.</param>
public sealed record SymbolicRun(SymbolicState Start, Term PrologueCompletes, Term Completed, Term Halted, Term Trapped, Term MemoryTrapped, SymbolicState Final)
{
    /// <summary>done(s, s'): completed or halted, with the prologue completing.</summary>
    public Term Done => Term.And(PrologueCompletes, Term.Or(Completed, Halted));

    /// <summary>trap(s): the prologue completed and then the instruction trapped.</summary>
    public Term Traps => Term.And(PrologueCompletes, Trapped);

    public Term MemoryTraps => Term.And(PrologueCompletes, MemoryTrapped);

    public static SymbolicRun Of(IsaModel model, InstructionDecl instruction, SymbolicState start, IReadOnlyDictionary<Local, Term> fields)
    {
        var prologue = SymbolicExecutor.ExecuteBlock(model.Prologue, start);
        var body = SymbolicExecutor.ExecuteInstruction(model, instruction, prologue.Completed, fields);
        var epilogue = SymbolicExecutor.ExecuteBlock(model.Epilogue, body.Completed);

        var completed = Term.And(body.CompletedGuard, epilogue.CompletedGuard);
        var haltedInEpilogue = Term.And(body.CompletedGuard, epilogue.HaltedGuard);
        var halted = Term.Or(body.HaltedGuard, haltedInEpilogue);
        var trapped = Term.Or(body.TrapGuard, Term.And(body.CompletedGuard, epilogue.TrapGuard));
        var memoryTraps = model.Roles.MemoryTraps;
        var memoryTrapped = Term.Or(memoryTraps.Select(e =>
            Term.Or(body.TrapGuardOf(e), Term.And(body.CompletedGuard, epilogue.TrapGuardOf(e)))));

        // A halt ends the step where it happens: the epilogue does not run after a halt in the body.
        var haltedState = SymbolicState.Merge(body.HaltedGuard, body.Halted, epilogue.Halted);
        var final = SymbolicState.Merge(completed, epilogue.Completed, haltedState);
        return new SymbolicRun(start, prologue.CompletedGuard, completed, halted, trapped, memoryTrapped, final);
    }
}
