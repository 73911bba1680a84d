using Virtualizability.Proofs.Allocation;
using Virtualizability.Proofs.Allocation.Mips;
using Virtualizability.Proofs.Obligations;
using Virtualizability.Proofs.Reports;
using Virtualizability.Proofs.Simplification;
using Virtualizability.Proofs.Solving;
using Virtualizability.Proofs.Symbolic;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Solving.Z3;
using Virtualizability.Smt.Terms;
using Virtualizability.Vmm.Mips;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// The MIPS allocator's proof model (pmap + shadow TLB, the real TLB as abstraction variables bridged by the shadow
/// lemmas: docs/vmm-proofs.md). The shadow lemmas take z3 tens of seconds each, so `pgcheck prove` and the benchmark
/// prove them, not these tests; these check what is cheap to decide: ADDU's efficiency and resource control are unsat
/// with the lemmas' instances, and a broken shadow entry is caught with a readable counterexample. The time limit is
/// generous because CI machines are shared: a timeout is reported as unknown and fails the test, never passes it.
/// </summary>
public sealed class MipsProofTests
{
    private static readonly Lazy<Virtualizability.Isa.Ir.IsaModel> Mips = new(() => Specs.Load("isa-specs/mips32.isa"));

    [Fact]
    public void The_runtime_builds_a_MIPS_VMM_so_prove_has_an_allocator_model_for_mips32()
    {
        var model = Mips.Value;
        Assert.IsType<MipsShadowProofModel>(VmmProver.AllocatorFor(model));
        // The obligations of an innocuous, a load and a CP0 instruction are written (every property that applies).
        var files = VmmProver.Emit(model, MipsShadowProofModel.For(model)!, new HashSet<string> { "ADDU" },
            new ProofOptions { Instructions = new HashSet<string> { "ADDU", "LW", "MTC0" } });
        Assert.Equal(
            ["ADDU.efficiency.smt2", "ADDU.equivalence.smt2", "ADDU.resource-control.smt2", "LW.equivalence.smt2", "LW.resource-control.smt2",
             "MTC0.equivalence.smt2", "MTC0.resource-control.smt2", "lemma.shadow-is-a-function.smt2", "lemma.shadow-translates-as-guest.smt2"],
            files.Keys.Order(StringComparer.Ordinal));
        // The obligations see every real TLB entry as abstraction variables; the lemmas define them as shadow choices of
        // the relation, by the runtime's definition.
        var obligations = files.Where(f => !f.Key.StartsWith("lemma.", StringComparison.Ordinal)).Select(f => f.Value).ToList();
        Assert.All(obligations, text => Assert.Matches(@"\(declare-fun real15\.lo1\.[0-9a-f]{16} \(\) \(_ BitVec 32\)\)", text));
        Assert.All(obligations, text => Assert.DoesNotContain("shadow15.va", text));
        Assert.All(files.Values, text => Assert.Contains("ShadowEntryDefinition.For", text));
        Assert.All(files.Where(f => f.Key.StartsWith("lemma.", StringComparison.Ordinal)),
            f => Assert.Contains("(declare-fun shadow0.va () (_ BitVec 32))", f.Value));
        // Memory reads are Ackermann-reduced: pure bit-vector files, which name the cvc5 option that decides them.
        Assert.All(obligations, text => Assert.Contains("(set-logic QF_BV)", text));
        Assert.All(obligations, text => Assert.DoesNotContain("Array", text[text.IndexOf("(set-logic", StringComparison.Ordinal)..]));
        Assert.Contains("(declare-fun v.PM@0 () (_ BitVec 8))", files["LW.equivalence.smt2"]);
        var path = Path.Combine(Directory.CreateTempSubdirectory("mips-proof-").FullName, "LW.equivalence.smt2");
        File.WriteAllText(path, files["LW.equivalence.smt2"]);
        Assert.Equal(["--bitblast=eager"], FileRechecker.Cvc5OptionsOf(path));
    }

    [Fact]
    public void Ackermann_reduced_memory_reads_keep_a_query_unsat_or_sat_with_a_model_the_counterexample_rows_read()
    {
        var addu = Mips.Value.Instruction("ADDU")!;
        var memory = Term.Var("m.PM", Sort.Array(32, 8));
        var (i, j) = (Term.BvVar("i", 32), Term.BvVar("j", 32));
        Term Read(Term index) => Term.Select(memory, index);
        Obligation Of(params Term[] assertions) => new(addu, ObligationProperty.Equivalence, "test", new Query(assertions),
            [new CounterexampleSection("reads", "value", null, [new CounterexampleRow("m[i]", Read(i), Read(i)), new CounterexampleRow("m[j + 1]", Read(Term.Add(j, Term.Bv(1, 32))), Read(j))])]);

        // Two reads at equal indices differ: unsat only through the congruence constraint the reduction adds.
        var equal = MemoryReadElimination.Apply(Of(Term.Eq(i, Term.Add(j, Term.Bv(1, 32))), Term.Ne(Read(i), Read(Term.Add(j, Term.Bv(1, 32))))), new StructuralFingerprints());
        Assert.DoesNotContain(TermTraversal.PostOrder(equal.Negation.Assertions), t => t.Kind == TermKind.Select);
        Assert.IsType<SolverResult.Unsat>(new Z3InProcessBackend().Check(equal.Negation, TimeSpan.FromMinutes(1)));

        // At different indices they may differ: sat, and the rows read the memory the model stands for.
        var different = MemoryReadElimination.Apply(Of(Term.Ne(Read(i), Read(Term.Add(j, Term.Bv(1, 32))))), new StructuralFingerprints());
        var sat = Assert.IsType<SolverResult.Sat>(new Z3InProcessBackend().Check(different.Negation, TimeSpan.FromMinutes(1)));
        var rows = different.Counterexample[0].Rows;
        Assert.NotEqual(sat.Model.Bits(rows[0].Left), sat.Model.Bits(rows[1].Left));
    }

    [Theory]
    [InlineData(ObligationProperty.ResourceControl)]
    [InlineData(ObligationProperty.Efficiency)]
    public void ADDU_obligations_are_unsat_with_the_shadow_lemmas_instances(ObligationProperty property)
    {
        var model = Mips.Value;
        var builder = new ObligationBuilder(new SymbolicVmm(model, MipsShadowProofModel.For(model)!));
        var addu = model.Instruction("ADDU")!;
        var obligation = property == ObligationProperty.Efficiency ? builder.Efficiency(addu) : builder.ResourceControl(addu);
        Assert.Equal(["shadow-translates-as-guest"], obligation.Lemmas.Select(l => l.Name));
        Assert.IsType<SolverResult.Unsat>(new Z3InProcessBackend().Check(obligation.Negation, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_shadow_entry_writable_where_the_guest_page_is_clean_fails_SW_equivalence_with_a_counterexample()
    {
        var model = Mips.Value;
        var broken = new DirtyShadowAllocator(MipsShadowProofModel.For(model)!, new MipsRegisters(model));
        var obligation = new ObligationBuilder(new SymbolicVmm(model, broken)).Equivalence(model.Instruction("SW")!);
        var answer = new Z3InProcessBackend().Check(obligation.Negation, TimeSpan.FromMinutes(5));
        var sat = Assert.IsType<SolverResult.Sat>(answer);
        var shown = CounterexampleFormatter.Format(obligation, sat.Model);
        Assert.Contains("differs", shown);
        Assert.Contains("real TLB_Lo0", shown);
        Assert.Contains("alloc.base", shown);
    }
}
