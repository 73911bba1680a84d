using System.Collections.Immutable;
using Virtualizability.Analysis.Replay;
using Virtualizability.Cli.Commands;
using Virtualizability.Execution;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Analysis.Tests;

/// <summary>Witnesses are replayed on the executable model; a claim the model does not bear out is an internal error.</summary>
public class ReplayTests
{
    private static ConcreteState State(Isa.Ir.IsaModel model, params (string Register, ulong Value)[] values)
    {
        var slots = new ulong[model.StateSlots];
        foreach (var (name, value) in values) slots[model.Register(name)!.Slot] = value;
        // Bound B = 0xFFFF so that no access traps; memory all zero.
        return new ConcreteState([.. slots], [.. model.Memories.Select(m => ArrayValue.Constant(m.AddressWidth, m.CellWidth, 0))]);
    }

    [Fact]
    public void A_true_claim_is_confirmed_with_the_differing_components()
    {
        var model = Specs.Load("variants/pg-jrst.isa");
        var retu = model.Instruction("RETU")!;
        var replayer = new WitnessReplayer(CompiledIsa.Compile(model));
        var claim = new ConcreteClaim(PropertyKind.ControlSensitive, Domain.AllStates, retu, retu.Encoding.Value | 0x1234, State(model, ("M", 0), ("B", 0xFFFF)));
        var result = replayer.Replay(claim);
        Assert.True(result.Confirmed, result.Mismatch);
        Assert.Contains(result.Witness!.Differences, d => d is { Component: "M", First: "0x0", Second: "0x1" });
        Assert.Contains(result.Witness.Fields, f => f is { Name: "target", Value: "0x1234" });
    }

    [Fact]
    public void A_wrong_witness_state_is_a_mismatch()
    {
        var model = Specs.Load("variants/pg-jrst.isa");
        var retu = model.Instruction("RETU")!;
        var replayer = new WitnessReplayer(CompiledIsa.Compile(model));
        // In user mode RETU leaves M at 1: not a control change, whatever a solver said.
        var claim = new ConcreteClaim(PropertyKind.ControlSensitive, Domain.AllStates, retu, retu.Encoding.Value, State(model, ("M", 1)));
        var result = replayer.Replay(claim);
        Assert.False(result.Confirmed);
        Assert.Contains("neither mode nor resources", result.Mismatch);
    }

    [Fact]
    public void A_word_of_another_instruction_is_a_mismatch()
    {
        var model = Specs.Load("pg-machine.isa");
        var replayer = new WitnessReplayer(CompiledIsa.Compile(model));
        var claim = new ConcreteClaim(PropertyKind.NotPrivileged, Domain.AllStates, model.Instruction("LPSW")!, model.Instruction("NOP")!.Encoding.Value, State(model, ("M", 1)));
        Assert.Contains("does not decode", replayer.Replay(claim).Mismatch);
    }

    [Fact]
    public void An_injected_disagreement_is_reported_as_an_internal_error_naming_the_instruction()
    {
        var model = Specs.Load("variants/pg-jrst.isa");
        var mSlot = model.Register("M")!.Slot;
        var options = new AnalysisOptions
        {
            Definitions = [Definition.Classic],
            Instructions = ["RETU"],
            // The solver's claims are tampered with: the search's would not pass through here.
            ConcreteSearch = false,
            // Put every control-sensitivity witness in user mode, where RETU changes nothing.
            TamperWithClaim = c => c.Kind == PropertyKind.ControlSensitive ? c with { Start = c.Start with { Slots = c.Start.Slots.SetItem(mSlot, 1) } } : c,
        };
        var report = SpecAnalyzer.Check(model, options);
        var retu = report.Definitions[0].Row("RETU");
        Assert.Equal(Verdict.Unknown, retu.ControlSensitive.Verdict);
        Assert.Null(retu.ControlSensitive.Witness);
        Assert.Contains(report.InternalErrors, e => e.StartsWith("RETU:", StringComparison.Ordinal) && e.Contains("does not replay"));
        Assert.Equal(Cli.ExitCodes.InternalError, CheckCommand.ExitCode(report));
    }

    [Fact]
    public void Relocation_replay_moves_sparse_memory_with_the_machine()
    {
        var model = Specs.Load("pg-machine.isa");
        var lw = model.Instruction("LW")!;
        var replayer = new WitnessReplayer(CompiledIsa.Compile(model));
        // LW reads through R, so it commutes with relocation even with data in memory: the claim must be rejected.
        var memory = ArrayValue.Constant(16, 8, 0).Write(0x0010, 0xAB).Write(0x0011, 0xCD);
        var start = State(model, ("M", 1), ("B", 0xFFFF), ("L", 0x0008)) with { Memories = [memory] };
        var word = lw.Encoding.Value | 0x0008;   // ra = 0, rb = 0, imm = 8: reads E[L + 8]
        var claim = new ConcreteClaim(PropertyKind.LocationSensitive, Domain.AllStates, lw, word, start, Offset: 0x0100);
        Assert.Contains("commutes", replayer.Replay(claim).Mismatch);
    }

    [Fact]
    public void A_witness_shows_the_registers_and_memory_cells_its_run_reads_and_no_others()
    {
        var model = Specs.Load("pg-machine.isa");
        var lw = model.Instruction("LW")!;
        var replayer = new WitnessReplayer(CompiledIsa.Compile(model));
        // LW G2, 0x10(G3) with G3 = 4 and L = 8 reads E[0x1c..0x1d]; G5 and the other cells play no part.
        var memory = ArrayValue.Constant(16, 8, 0).Write(0x001c, 0xAB).Write(0x001d, 0xCD).Write(0x0040, 0x77);
        var slots = State(model, ("M", 1), ("B", 0xFFFF), ("L", 0x0008)).Slots
            .SetItem(model.Register("G")!.Slot + 3, 4).SetItem(model.Register("G")!.Slot + 5, 0x1234);
        var start = new ConcreteState(slots, [memory]);
        var word = lw.Encoding.Value | (2u << 23) | (3u << 20) | 0x0010;
        var claim = new ConcreteClaim(PropertyKind.NotPrivileged, Domain.AllStates, lw, word, start, Other: start with { Slots = slots.SetItem(model.Register("M")!.Slot, 0) });
        var result = replayer.Replay(claim);
        Assert.True(result.Confirmed, result.Mismatch);
        var shown = result.Witness!.Runs[0].Start.ToDictionary(v => v.Name, v => v.Value);
        Assert.Equal("0x0004", shown["G[3]"]);
        Assert.Equal("0x0008", shown["L"]);
        Assert.Equal("0xab 0xcd", shown["E[0x001c..0x001d]"]);
        Assert.DoesNotContain("G[5]", shown.Keys);
        Assert.DoesNotContain("E[0x0040]", shown.Keys);
    }
}
