using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Symbolic;
using Virtualizability.Smt.Symbolic;

namespace Virtualizability.Proofs.Tests;

/// <summary>Interpreter routines broken on purpose, for tests that a wrong VMM fails its obligations.</summary>
internal static class BrokenInterpreters
{
    /// <summary>pg-machine's SETR routine that leaves the virtual bound B as it was (the spec's own step otherwise).</summary>
    public static InterpreterRoutine SetrForgetsTheBound(IsaModel model)
    {
        var setr = model.Instruction("SETR")!;
        var bound = model.Register("B")!;
        return (instruction, state, units) =>
        {
            var step = SymbolicExecutor.ExecuteStep(model, instruction, state, units);
            if (!ReferenceEquals(instruction, setr)) return step;
            return step with { Outcome = step.Outcome with { Completed = step.Outcome.Completed.WithSlot(bound.Slot, state.Register(bound)) } };
        };
    }
}
