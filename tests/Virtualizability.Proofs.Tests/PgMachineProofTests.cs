using System.Collections.Immutable;
using Virtualizability.Proofs.Allocation;
using Virtualizability.Proofs.Lemmas;
using Virtualizability.Proofs.Obligations;
using Virtualizability.Proofs.Solving;
using Virtualizability.Proofs.Symbolic;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// Each test proves a few instructions: a whole-spec run takes minutes (docs/vmm-proofs.md, Status), and the
/// instructions chosen are the ones each claim is about plus an innocuous control. The time limit is generous because
/// CI machines are shared: a timeout would be reported as unknown and fail the test, never pass it.
/// </summary>
public sealed class PgMachineProofTests
{
    private static ProofOptions Only(params string[] names) => new() { Instructions = names.ToHashSet(), Timeout = TimeSpan.FromMinutes(10) };

    [Fact]
    public void The_obligations_of_a_privileged_and_an_innocuous_instruction_are_proved()
    {
        var model = Specs.Load("isa-specs/pg-machine.isa");
        string[] chosen = ["LI", "SETR"];
        var report = Provers.Prove(model, options: Only(chosen));
        Assert.Empty(report.Results.Where(r => r.Verdict is ProofVerdict.Failed or ProofVerdict.Unknown).Select(r => $"{r.Instruction} {r.Property}: {r.Verdict} {r.Reason}"));
        // Every instruction has its equivalence and resource-control proofs; efficiency exactly for the innocuous ones.
        Assert.Equal(chosen.Length * 2, report.Results.Count(r => r.Property != ObligationProperty.Efficiency && r.Verdict == ProofVerdict.Proved));
        var innocuous = Provers.Innocuous(model);
        Assert.Contains("LW", innocuous);
        Assert.DoesNotContain("SETR", innocuous);
        Assert.All(report.Results.Where(r => r.Property == ObligationProperty.Efficiency),
            r => Assert.Equal(innocuous.Contains(r.Instruction) ? ProofVerdict.Proved : ProofVerdict.NotApplicable, r.Verdict));
    }

    [Fact]
    public void Obligations_not_started_within_the_runs_budget_are_unknown_never_proved()
    {
        var model = Specs.Load("isa-specs/pg-machine.isa");
        var options = Only("LI", "ADD") with { Budget = TimeSpan.FromTicks(1) };
        var report = Provers.Prove(model, options: options);
        // Equivalence and resource control of both, efficiency of the innocuous ones: none started, none proved.
        var attempted = report.Results.Where(r => r.Verdict != ProofVerdict.NotApplicable).ToList();
        Assert.True(attempted.Count >= 4, $"{attempted.Count} obligations");
        Assert.All(attempted, r => Assert.Equal(ProofVerdict.Unknown, r.Verdict));
        Assert.All(attempted, r => Assert.StartsWith("not attempted", r.Reason));
        Assert.DoesNotContain(report.Results, r => r.Verdict == ProofVerdict.Proved);
    }

    [Fact]
    public void An_allocator_without_bound_clipping_fails_with_a_counterexample()
    {
        var model = Specs.Load("isa-specs/pg-machine.isa");
        var broken = new UnclippedAllocator(RelocationBoundsProofModel.For(model)!, model.Register("L")!, model.Register("B")!);
        var report = Provers.Prove(model, broken, Only("LW", "SW"));
        var lw = report.Results.Single(r => r.Instruction == "LW" && r.Property == ObligationProperty.Equivalence);
        Assert.Equal(ProofVerdict.Failed, lw.Verdict);
        Assert.Contains("differs", lw.Counterexample);
        Assert.Contains("alloc.size", lw.Counterexample);
        var sw = report.Results.Single(r => r.Instruction == "SW" && r.Property == ObligationProperty.ResourceControl);
        Assert.Equal(ProofVerdict.Failed, sw.Verdict);   // it writes another VM's memory
    }

    [Fact]
    public void An_obligation_that_asserts_an_instance_of_a_false_lemma_is_not_proved()
    {
        var model = Specs.Load("isa-specs/pg-machine.isa");
        // A false lemma makes every obligation that asserts it unsat, the broken allocator's failing LW equivalence included.
        var absurd = new AllocatorLemma("absurd", "false", [], Term.False);
        var broken = new UnclippedAllocator(RelocationBoundsProofModel.For(model)!, model.Register("L")!, model.Register("B")!, absurd);
        var report = Provers.Prove(model, broken, Only("LW"));
        var lemma = report.Lemmas.Single(l => l.Name == "absurd");
        Assert.Equal(ProofVerdict.Failed, lemma.Verdict);
        Assert.Equal([lemma], report.LemmaFailures);
        var lw = report.Results.Single(r => r.Instruction == "LW" && r.Property == ObligationProperty.Equivalence);
        Assert.Contains("absurd", lw.Lemmas);
        Assert.Equal(ProofVerdict.Unknown, lw.Verdict);
        Assert.Contains("absurd", lw.Reason);
        Assert.DoesNotContain(report.Results, r => r.Verdict == ProofVerdict.Proved);
    }

    [Fact]
    public void An_interpreter_routine_that_forgets_the_bound_fails_equivalence_for_SETR_only()
    {
        var model = Specs.Load("isa-specs/pg-machine.isa");
        var report = Provers.Prove(model, options: Only("SETR", "LI") with { Interpreter = BrokenInterpreters.SetrForgetsTheBound(model) });
        var failed = report.Failed.Select(r => $"{r.Instruction}.{r.Property.FileName()}").ToList();
        Assert.Equal(["SETR.equivalence"], failed);
        Assert.Contains("virtual B", report.Failed.Single().Counterexample);
    }

    [Fact]
    public void The_jrst_variant_fails_equivalence_for_its_unprivileged_return_to_user()
    {
        var model = Specs.Load("isa-specs/variants/pg-jrst.isa");
        var report = Provers.Prove(model, options: Only("RETU", "LI"));
        Assert.Contains(report.Failed, r => r.Instruction == "RETU" && r.Property == ObligationProperty.Equivalence);
        Assert.All(report.Failed, r => Assert.Equal("RETU", r.Instruction));
    }
}
