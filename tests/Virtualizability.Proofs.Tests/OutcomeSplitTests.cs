using Virtualizability.Proofs.Allocation;
using Virtualizability.Proofs.Allocation.Mips;
using Virtualizability.Proofs.Obligations;
using Virtualizability.Proofs.Reports;
using Virtualizability.Proofs.Solving;
using Virtualizability.Proofs.Symbolic;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Solving.Z3;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;
using Virtualizability.Vmm.Mips;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// Equivalence split on the VMM step's outcomes (<see cref="OutcomeSplit"/>): the parts' conditions cover every state
/// (checked by the solver on the conditions the parts assert), a broken interpreter routine still fails (in the part
/// where the VMM interprets), the parts are proved where the whole is, and a part not proved leaves the obligation
/// unknown, never proved.
/// </summary>
public sealed class OutcomeSplitTests
{
    private static ObligationBuilder Builder(Virtualizability.Isa.Ir.IsaModel model, IAllocatorProofModel? allocator = null) =>
        new(new SymbolicVmm(model, allocator ?? VmmProver.AllocatorFor(model)!));

    [Theory]
    [InlineData("isa-specs/pg-machine.isa", "LW")]
    [InlineData("isa-specs/pg-machine.isa", "SETR")]
    [InlineData("isa-specs/riscv.isa", "ECALL")]
    [InlineData("isa-specs/mips32.isa", "TLBWR")]
    public void The_parts_conditions_cover_every_state(string spec, string instruction)
    {
        var model = Specs.Load(spec);
        var parts = Builder(model).OutcomeParts(model.Instruction(instruction)!, OutcomeSplitRule.Default)!;
        Assert.Contains(parts, p => p.Label == "outcome-none");
        Assert.Equal(parts.Count, parts.Select(p => p.Label).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, parts.Count), parts.Select(p => p.Index));
        Assert.All(parts, p => Assert.Equal(SplitKind.Outcomes, p.Kind));
        // No state satisfies none of the conditions (the terms as built: what each file asserts before the rewrite).
        var solver = new Z3InProcessBackend();
        Assert.IsType<SolverResult.Unsat>(solver.Check(new Query(Term.Not(Term.Or(parts.Select(p => p.Condition)))), TimeSpan.FromMinutes(1)));
        // The overlap part asserts its condition only, and the executor's outcomes are exclusive: it is unsat.
        var overlap = parts.SingleOrDefault(p => p.ConditionOnly);
        if (overlap is not null) Assert.IsType<SolverResult.Unsat>(solver.Check(new Query(overlap.Condition), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Every_part_of_a_proved_obligation_is_proved_and_the_split_is_opt_in()
    {
        var model = Specs.Load("isa-specs/pg-machine.isa");
        var options = Provers.Only("SETR", "LW") with { OutcomeSplit = OutcomeSplitRule.Default };
        var emitted = VmmProver.Emit(model, VmmProver.AllocatorFor(model)!, Provers.Innocuous(model), options);
        Assert.DoesNotContain("SETR.equivalence.smt2", emitted.Keys);
        Assert.Contains("SETR.resource-control.smt2", emitted.Keys);
        Assert.Contains(emitted, f => f.Key.StartsWith("SETR.equivalence.outcome-trap-", StringComparison.Ordinal) && f.Key.EndsWith("-interpreted.smt2", StringComparison.Ordinal));
        Assert.Contains("split on the VMM step's outcomes", emitted["SETR.equivalence.outcome-none.smt2"]);
        Assert.Contains("SETR.equivalence.smt2", VmmProver.Emit(model, VmmProver.AllocatorFor(model)!, Provers.Innocuous(model), Provers.Only("SETR")).Keys);

        var report = Provers.Prove(model, options: options);
        var equivalence = report.Results.Where(r => r.Property == ObligationProperty.Equivalence).ToList();
        Assert.All(equivalence, r => Assert.True(r.Parts.Count >= 3, $"{r.Instruction}: {r.Parts.Count} parts"));
        Assert.All(report.Results.Where(r => r.Verdict != ProofVerdict.NotApplicable), r => Assert.Equal(ProofVerdict.Proved, r.Verdict));
    }

    /// <summary>
    /// The routine that forgets SETR's bound (as in <see cref="PgMachineProofTests"/>): split, SETR equivalence still fails,
    /// in the parts where the VMM interprets the trapped SETR, with the wrong virtual B in the counterexample.
    /// </summary>
    [Fact]
    public void An_interpreter_routine_that_forgets_the_bound_fails_the_interpreted_parts()
    {
        var model = Specs.Load("isa-specs/pg-machine.isa");
        var report = Provers.Prove(model, options: Provers.Only("SETR") with { Interpreter = BrokenInterpreters.SetrForgetsTheBound(model), OutcomeSplit = OutcomeSplitRule.Default });
        var failed = Assert.Single(report.Failed);
        Assert.Equal(ObligationProperty.Equivalence, failed.Property);
        // Every trap the VMM interprets (PrivilegedOperation, a MemoryViolation of the fetch) runs the broken routine; no other part fails.
        var parts = failed.Parts.Where(p => p.Verdict == ProofVerdict.Failed).ToList();
        Assert.NotEmpty(parts);
        Assert.All(parts, p => Assert.EndsWith("-interpreted", p.PartLabel));
        Assert.Contains(parts, p => p.PartLabel == "outcome-trap-PrivilegedOperation-interpreted");
        Assert.Contains("virtual B", failed.Counterexample);
        Assert.Contains("part " + parts[0].PartLabel, failed.Reason);
    }

    /// <summary>
    /// mips32: the allocator whose shadows are writable where the guest page is clean (as in <see cref="MipsProofTests"/>)
    /// fails the part where the real SW completes (the guest takes TLB Modified), with a counterexample.
    /// </summary>
    [Fact]
    public void A_shadow_entry_writable_where_the_guest_page_is_clean_fails_the_part_where_the_real_SW_completes()
    {
        var model = Specs.Load("isa-specs/mips32.isa");
        var broken = new DirtyShadowAllocator(MipsShadowProofModel.For(model)!, new MipsRegisters(model));
        var builder = Builder(model, broken);
        var sw = model.Instruction("SW")!;
        var completes = builder.OutcomeParts(sw, OutcomeSplitRule.Default)!.Single(p => p.Label == "outcome-completes");
        var obligation = builder.Equivalence(sw, completes);
        var sat = Assert.IsType<SolverResult.Sat>(new Z3InProcessBackend().Check(obligation.Negation, TimeSpan.FromMinutes(5)));
        Assert.Contains("real TLB_Lo0", CounterexampleFormatter.Format(obligation, sat.Model));
    }

    /// <summary>
    /// mips32: an MFC0 routine that leaves PC at its complement is caught in the part where the real MFC0 traps with
    /// CoprocessorUnusable and the VMM interprets it (not vacuous: the guest kernel's MFC0 is run there).
    /// </summary>
    [Fact]
    public void A_broken_MFC0_routine_fails_the_part_where_the_VMM_interprets_it()
    {
        var model = Specs.Load("isa-specs/mips32.isa");
        var mfc0 = model.Instruction("MFC0")!;
        var pc = model.Register("PC")!;
        InterpreterRoutine broken = (instruction, state, units) =>
        {
            var step = SymbolicExecutor.ExecuteStep(model, instruction, state, units);
            if (!ReferenceEquals(instruction, mfc0)) return step;
            var completed = step.Outcome.Completed;
            return step with { Outcome = step.Outcome with { Completed = completed.WithSlot(pc.Slot, Term.BvNot(completed.Register(pc))) } };
        };
        var builder = new ObligationBuilder(new SymbolicVmm(model, VmmProver.AllocatorFor(model)!, broken));
        var part = builder.OutcomeParts(mfc0, OutcomeSplitRule.Default)!.Single(p => p.Label == "outcome-trap-CoprocessorUnusable-interpreted");
        var obligation = builder.Equivalence(mfc0, part);
        var sat = Assert.IsType<SolverResult.Sat>(new Z3InProcessBackend().Check(obligation.Negation, TimeSpan.FromMinutes(5)));
        Assert.Contains("real PC", CounterexampleFormatter.Format(obligation, sat.Model));
    }

    [Fact]
    public void A_part_not_solved_leaves_the_obligation_unknown_and_the_manifest_lists_the_parts()
    {
        var model = Specs.Load("isa-specs/pg-machine.isa");
        var directory = Directory.CreateTempSubdirectory("outcome-split-").FullName;
        try
        {
            // A budget spent before the first obligation: every part is reported unknown (not attempted), none proved.
            var options = Provers.Only("SETR") with { OutcomeSplit = OutcomeSplitRule.Default, Budget = TimeSpan.FromTicks(1), OutputDirectory = directory };
            var report = Provers.Prove(model, options: options);
            var equivalence = report.Results.Single(r => r.Property == ObligationProperty.Equivalence);
            Assert.Equal(ProofVerdict.Unknown, equivalence.Verdict);
            Assert.NotEmpty(equivalence.Parts);
            Assert.All(equivalence.Parts, p => Assert.Equal(ProofVerdict.Unknown, p.Verdict));
            var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "manifest.json")))!;
            var entry = manifest["obligations"]!.AsArray().Single(o => (string?)o!["instruction"] == "SETR" && (string?)o["property"] == "equivalence")!;
            Assert.Equal("unknown", (string?)entry["verdict"]);
            Assert.Equal(equivalence.Parts.Count, entry["parts"]!.AsArray().Count);
            Assert.All(entry["parts"]!.AsArray(), p => Assert.StartsWith("outcome-", (string?)p!["part"]));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
