using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Allocation;
using Virtualizability.Proofs.Obligations;
using Virtualizability.Proofs.Solving;
using Virtualizability.Proofs.Symbolic;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Solving.Z3;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// Obligations split on encoding-field values (<see cref="EncodingFieldSplit"/>): the parts' conditions partition the
/// fields' values (checked by the solver on the conditions the files assert), the rule leaves small instructions whole,
/// and an interpreter routine broken for one field value fails that value's part only.
/// </summary>
public sealed class FieldSplitTests
{
    public static TheoryData<string, string, string> Split => new()
    {
        { "isa-specs/riscv.isa", "CSRRS", "csr" },
        { "isa-specs/riscv.isa", "CSRRWI", "csr" },
        { "isa-specs/s360.isa", "LM", "r1.r3" },
        { "isa-specs/mips32.isa", "MTC0", "rd.sel" },
    };

    [Theory]
    [MemberData(nameof(Split))]
    public void The_parts_conditions_are_exhaustive_and_disjoint(string spec, string instruction, string component)
    {
        var model = Load(spec);
        var parts = EncodingFieldSplit.For(model, model.Instruction(instruction)!, FieldSplitRule.Default)!;
        Assert.NotNull(parts);
        Assert.All(parts, p => Assert.StartsWith(component + "-", p.Label));
        Assert.Equal(parts.Count, parts.Select(p => p.Label).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, parts.Count), parts.Select(p => p.Index));

        var solver = new Z3InProcessBackend();
        var conditions = parts.Select(p => p.Condition).ToList();
        // No fetched word satisfies none of the conditions, and none satisfies two.
        Assert.IsType<SolverResult.Unsat>(solver.Check(new Query(Term.Not(Term.Or(conditions))), TimeSpan.FromMinutes(2)));
        var twice = conditions.SelectMany((a, i) => conditions.Skip(i + 1).Select(b => Term.And(a, b)));
        Assert.IsType<SolverResult.Unsat>(solver.Check(new Query(Term.Or(twice)), TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void Small_instructions_and_efficiency_and_resource_control_stay_whole_and_the_split_is_opt_in()
    {
        var riscv = Load("isa-specs/riscv.isa");
        Assert.Null(EncodingFieldSplit.For(riscv, riscv.Instruction("ADD")!, FieldSplitRule.Default));
        Assert.Null(EncodingFieldSplit.For(riscv, riscv.Instruction("LW")!, FieldSplitRule.Default));
        Assert.Null(EncodingFieldSplit.For(riscv, riscv.Instruction("CSRRS")!, null));
        var split = Provers.Only("CSRRS", "ADD") with { FieldSplit = FieldSplitRule.Default };
        var emitted = VmmProver.Emit(riscv, VmmProver.AllocatorFor(riscv)!, Provers.Innocuous(riscv), split);
        Assert.Contains("CSRRS.resource-control.smt2", emitted.Keys);
        Assert.Contains("ADD.equivalence.smt2", emitted.Keys);
        Assert.DoesNotContain("CSRRS.equivalence.smt2", emitted.Keys);
        Assert.Contains("CSRRS.equivalence.csr-0x340.smt2", emitted.Keys);
        Assert.Contains(emitted, f => f.Key.StartsWith("CSRRS.equivalence.csr-other-", StringComparison.Ordinal));
        Assert.Contains("this file asserts csr = 0x340", emitted["CSRRS.equivalence.csr-0x340.smt2"]);
        // Off by default: the files are the whole obligations.
        Assert.Contains("CSRRS.equivalence.smt2", VmmProver.Emit(riscv, VmmProver.AllocatorFor(riscv)!, Provers.Innocuous(riscv), Provers.Only("CSRRS")).Keys);
    }

    /// <summary>
    /// A CSRRW interpreter routine that writes the complement into mscratch (CSR 0x340): the part csr = 0x340 fails
    /// with a counterexample; its neighbour mepc (0x341) and a several-value part are proved.
    /// </summary>
    [Fact]
    public void An_interpreter_routine_broken_for_one_csr_fails_that_csrs_part_only()
    {
        var model = Load("isa-specs/riscv.isa");
        var csrrw = model.Instruction("CSRRW")!;
        var mscratch = model.Register("MSCRATCH")!;
        var csrField = csrrw.Encoding.Fields.Single(f => f.Name == "csr");
        InterpreterRoutine broken = (instruction, state, units) =>
        {
            var step = SymbolicExecutor.ExecuteStep(model, instruction, state, units);
            if (!ReferenceEquals(instruction, csrrw)) return step;
            var csr = InstructionBits.FromWord(step.FetchedUnits[0]).Field(csrField);
            var written = step.Outcome.Completed.Register(mscratch);
            var wrong = Term.Ite(Term.Eq(csr, Term.Bv(0x340, 12)), Term.BvNot(written), written);
            return step with { Outcome = step.Outcome with { Completed = step.Outcome.Completed.WithSlot(mscratch.Slot, wrong) } };
        };
        var parts = EncodingFieldSplit.For(model, csrrw, FieldSplitRule.Default)!;
        var builder = new ObligationBuilder(new SymbolicVmm(model, VmmProver.AllocatorFor(model)!, broken));
        var solver = new Z3InProcessBackend();
        SolverResult Solve(ObligationPart part) => solver.Check(builder.Equivalence(csrrw, part).Negation, TimeSpan.FromMinutes(5));

        var mscratchPart = parts.Single(p => p.Label == "csr-0x340");
        var sat = Assert.IsType<SolverResult.Sat>(Solve(mscratchPart));
        Assert.Contains("MSCRATCH", CounterexampleOf(builder.Equivalence(csrrw, mscratchPart), sat));
        Assert.IsType<SolverResult.Unsat>(Solve(parts.Single(p => p.Label == "csr-0x341")));
        Assert.IsType<SolverResult.Unsat>(Solve(parts.First(p => p.Label.StartsWith("csr-other-", StringComparison.Ordinal))));
    }

    [Fact]
    public void A_split_obligation_is_proved_iff_every_part_is_and_the_manifest_lists_its_parts()
    {
        static ObligationResult Part(string label, ProofVerdict verdict, int ms) =>
            new("CSRRW", ObligationProperty.Equivalence, $"CSRRW.equivalence.{label}.smt2", verdict, TimeSpan.FromMilliseconds(ms),
                verdict == ProofVerdict.Proved ? null : "timeout after 60000 ms", null, null, null) { PartLabel = label, PartCondition = label.Replace("-", " = ") };

        var proved = ObligationResult.OfParts([Part("csr-0x300", ProofVerdict.Proved, 10), Part("csr-other-1", ProofVerdict.Proved, 5)]);
        Assert.Equal(ProofVerdict.Proved, proved.Verdict);
        Assert.Equal(TimeSpan.FromMilliseconds(15), proved.Elapsed);
        Assert.Null(proved.File);

        var unknown = ObligationResult.OfParts([Part("csr-0x300", ProofVerdict.Proved, 10), Part("csr-0x301", ProofVerdict.Unknown, 60000)]);
        Assert.Equal(ProofVerdict.Unknown, unknown.Verdict);
        Assert.Contains("part csr-0x301", unknown.Reason);
        var failed = ObligationResult.OfParts([Part("csr-0x300", ProofVerdict.Unknown, 60000), Part("csr-0x340", ProofVerdict.Failed, 7)]);
        Assert.Equal(ProofVerdict.Failed, failed.Verdict);
        Assert.Contains("part csr-0x340", failed.Reason);

        var model = Load("isa-specs/riscv.isa");
        var report = new ProofReport("riscv", SpecHash.Of(model), "identity", [failed], TimeSpan.Zero);
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(ProofManifest.Render(report, model, VmmProver.AllocatorFor(model)!, new ProofOptions()))!;
        var entry = manifest["obligations"]![0]!;
        Assert.Null(entry["file"]);
        Assert.Equal("failed", (string?)entry["verdict"]);
        Assert.Equal(["CSRRW.equivalence.csr-0x300.smt2", "CSRRW.equivalence.csr-0x340.smt2"],
            entry["parts"]!.AsArray().Select(p => (string)p!["file"]!));
        Assert.Equal(["unknown", "failed"], entry["parts"]!.AsArray().Select(p => (string)p!["verdict"]!));
    }

    /// <summary>
    /// The spec, after its first instruction's obligations were built whole. The text of an emitted file depends on the
    /// order in which the process first created its terms (interned terms are numbered as created, and operand order
    /// follows the numbers); the split creates the virtual state's terms in another order than an obligation build does.
    /// Building a whole obligation first, as `prove` does, keeps <see cref="CommittedProofsTests"/>, which may run in
    /// parallel in this process, emitting the committed bytes.
    /// </summary>
    private static IsaModel Load(string path)
    {
        var model = Specs.Load(path);
        var allocator = VmmProver.AllocatorFor(model)!;
        var first = model.Instructions[0];
        lock (Warmed)
        {
            if (Warmed.Add(model.Name))
                VmmProver.Emit(model, allocator, Provers.Innocuous(model), Provers.Only(first.Name));
        }
        return model;
    }

    private static readonly HashSet<string> Warmed = [];

    private static string CounterexampleOf(Obligation obligation, SolverResult.Sat sat) =>
        Virtualizability.Proofs.Reports.CounterexampleFormatter.Format(obligation, sat.Model);
}
