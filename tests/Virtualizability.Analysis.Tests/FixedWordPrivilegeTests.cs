using Virtualizability.Analysis.Replay;
using Virtualizability.Analysis.Witnesses;
using Virtualizability.Execution;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Analysis.Tests;

/// <summary>
/// The fixed-word half of a violation is asked once per word: the violations of several definitions that try the same
/// sensitivity witness's word share the answer, and an undecided answer is not kept.
/// </summary>
public class FixedWordPrivilegeTests
{
    // A real replayed not-privileged witness: pg-machine's NOP completes in user mode.
    private static (ConcreteClaim, Witness) Replayed()
    {
        var model = Specs.Load("pg-machine.isa");
        var nop = model.Instruction("NOP")!;
        var slots = new ulong[model.StateSlots];
        slots[model.Register("M")!.Slot] = 1;
        slots[model.Register("B")!.Slot] = 0xFFFF;
        var state = new ConcreteState([.. slots], [.. model.Memories.Select(m => ArrayValue.Constant(m.AddressWidth, m.CellWidth, 0))]);
        var claim = new ConcreteClaim(PropertyKind.NotPrivileged, Domain.AllStates, nop, nop.Encoding.Value, state, null, state);
        var result = new WitnessReplayer(CompiledIsa.Compile(model)).Replay(claim);
        Assert.True(result.Confirmed, result.Mismatch);
        return (claim, result.Witness!);
    }

    [Fact]
    public void A_decided_answer_is_asked_once_per_word()
    {
        var found = Replayed();
        var memo = new FixedWordPrivilege();
        var asked = new List<UInt128>();
        (bool, (ConcreteClaim, Witness)?) Ask(UInt128 w, (ConcreteClaim, Witness)? answer) { asked.Add(w); return (true, answer); }

        Assert.Equal(found, memo.For(7, () => Ask(7, found)));
        Assert.Equal(found, memo.For(7, () => Ask(7, null)));   // served from the first answer
        Assert.Null(memo.For(8, () => Ask(8, null)));            // unsat: no witness for this word
        Assert.Null(memo.For(8, () => Ask(8, found)));
        Assert.Equal([(UInt128)7, 8], asked);
    }

    [Fact]
    public void An_undecided_answer_is_asked_again()
    {
        var found = Replayed();
        var memo = new FixedWordPrivilege();
        var calls = 0;
        Assert.Null(memo.For(5, () => { calls++; return (false, null); }));   // timeout: nothing kept
        Assert.Equal(found, memo.For(5, () => { calls++; return (true, found); }));
        Assert.Equal(found, memo.For(5, () => { calls++; return (true, null); }));
        Assert.Equal(2, calls);
    }
}
