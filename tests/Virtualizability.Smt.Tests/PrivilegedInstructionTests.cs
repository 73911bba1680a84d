using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Solving.Z3;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;
using Xunit;

namespace Virtualizability.Smt.Tests;

/// <summary>Popek–Goldberg privilege of SETR (`require M == 0 else trap`), proved on whole symbolic steps.</summary>
public class PrivilegedInstructionTests
{
    private readonly MiniPgMachine machine = new();
    private readonly Z3InProcessBackend z3 = new();

    private SolverResult Check(params Term[] assertions) => z3.Check(new Query(assertions), TimeSpan.FromSeconds(60));

    [Fact]
    public void Setr_always_traps_in_user_mode_when_there_is_no_memory_trap()
    {
        var pre = SymbolicState.Fresh(machine.Model, "s.");
        var step = SymbolicExecutor.ExecuteStep(machine.Model, machine.Setr, pre);
        var user = Term.Not(SymbolicExecutor.IsSupervisor(machine.Model, pre));
        var o = step.Outcome;
        Assert.IsType<SolverResult.Sat>(Check(step.Decodes, user, Term.Not(o.TrapGuardOf(machine.MemoryViolation))));
        Assert.IsType<SolverResult.Unsat>(Check(step.Decodes, user,
            Term.Not(o.TrapGuardOf(machine.MemoryViolation)), Term.Not(o.TrapGuardOf(machine.PrivilegedOperation))));
    }

    [Fact]
    public void Setr_never_traps_in_supervisor_mode_when_there_is_no_memory_trap_and_sets_R()
    {
        var pre = SymbolicState.Fresh(machine.Model, "s.");
        var step = SymbolicExecutor.ExecuteStep(machine.Model, machine.Setr, pre);
        var supervisor = SymbolicExecutor.IsSupervisor(machine.Model, pre);
        var o = step.Outcome;
        var noMemoryTrap = Term.Not(o.TrapGuardOf(machine.MemoryViolation));
        Assert.IsType<SolverResult.Sat>(Check(step.Decodes, supervisor, noMemoryTrap));
        Assert.IsType<SolverResult.Unsat>(Check(step.Decodes, supervisor, noMemoryTrap, o.TrapGuard));

        // It completes, with L taken from G[ra] (ra is bits 25..23 of the word) and P advanced by 4.
        var ra = Term.Extract(step.FetchedUnits[0], 25, 23);
        var gra = StateAccess.ReadRegister(pre, machine.G, ra);
        Assert.IsType<SolverResult.Unsat>(Check(step.Decodes, supervisor, noMemoryTrap,
            Term.Not(Term.And(o.CompletedGuard,
                Term.Eq(o.Completed.Register(machine.Lr), gra),
                Term.Eq(o.Completed.Register(machine.P), Term.Add(pre.Register(machine.P), Term.Bv(4, 16)))))));
    }

    [Fact]
    public void Add_can_complete_in_user_mode_and_the_witness_replays()
    {
        var pre = SymbolicState.Fresh(machine.Model, "s.");
        var step = SymbolicExecutor.ExecuteStep(machine.Model, machine.Add, pre);
        var user = Term.Not(SymbolicExecutor.IsSupervisor(machine.Model, pre));
        var result = Check(step.Decodes, user, step.Outcome.CompletedGuard);
        var model = Assert.IsType<SolverResult.Sat>(result).Model;

        // Decode the witness and check it by hand: the word at L + P is an ADD, and the access is in bounds.
        var state = ConcreteState.FromModel(pre, model);
        ulong M = state.Slots[0], P = state.Slots[1], L = state.Slots[3], B = state.Slots[4];
        Assert.Equal(1UL, M);
        Assert.True(P + 4 <= B, $"P={P:x} B={B:x}");
        var e = state.Memories[0];
        ulong word = 0;
        for (ulong k = 0; k < 4; k++) word = (word << 8) | e.Read((L + P + k) & 0xFFFF);
        Assert.True(machine.Add.Encoding.Matches(word), $"word {word:x8}");
    }

    [Fact]
    public void A_user_mode_trap_keeps_the_state_before_the_trap()
    {
        var pre = SymbolicExecutor.EnterUser(machine.Model, SymbolicState.Fresh(machine.Model, "s."));
        var body = SymbolicExecutor.ExecuteInstruction(machine.Model, machine.Setr, pre, Term.BvVar("w", 32));
        var trap = Assert.Single(body.Traps);
        Assert.Same(machine.PrivilegedOperation, trap.Exception);
        Assert.True(trap.Guard.IsTrue);
        Assert.True(body.CompletedGuard.IsFalse);
        Assert.Same(pre, trap.State);
    }

    [Fact]
    public void Relocation_moves_storage_so_a_relocated_fetch_reads_the_same_word()
    {
        var pre = SymbolicState.Fresh(machine.Model, "s.");
        var x = Term.BvVar("x", 16);
        var moved = SymbolicExecutor.ApplyVmMap(machine.Model, pre, x);
        var addr = Term.BvVar("a", 16);
        var original = StateAccess.ReadMemory(pre, machine.E, Term.Add(pre.Register(machine.Lr), addr), 4);
        var relocated = StateAccess.ReadMemory(moved, machine.E, Term.Add(moved.Register(machine.Lr), addr), 4);
        Assert.IsType<SolverResult.Unsat>(Check(Term.Ne(original, relocated)));
        // The move is not the identity: without relocating L, the read differs for some state.
        var unrelocated = StateAccess.ReadMemory(moved, machine.E, Term.Add(pre.Register(machine.Lr), addr), 4);
        Assert.IsType<SolverResult.Sat>(Check(Term.Ne(original, unrelocated)));
    }
}
