using Virtualizability.Proofs.Allocation;
using Virtualizability.Proofs.Allocation.Mips;
using Virtualizability.Proofs.Obligations;
using Virtualizability.Proofs.Reports;
using Virtualizability.Proofs.Symbolic;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Solving.Z3;
using Virtualizability.Vmm.Mips;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// The MIPS allocator's proof model (pmap + shadow TLB). Proving mips32's obligations takes minutes each today
/// (docs/vmm-proofs.md, Status), so these tests build them and check what is cheap to decide: a broken shadow entry is
/// caught with a readable counterexample. The time limit is generous because CI machines are shared: a timeout is
/// reported as unknown and fails the test, never passes it.
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
             "MTC0.equivalence.smt2", "MTC0.resource-control.smt2"],
            files.Keys.Order(StringComparer.Ordinal));
        // Every real TLB entry is a shadow choice of the relation, and the shadows are the runtime's definition.
        Assert.All(files.Values, text => Assert.Contains("(declare-fun shadow15.va () (_ BitVec 32))", text));
        Assert.All(files.Values, text => Assert.Contains("ShadowEntryDefinition.For", text));
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
        Assert.Contains("shadow0.present", shown);
        Assert.Contains("alloc.base", shown);
    }
}
