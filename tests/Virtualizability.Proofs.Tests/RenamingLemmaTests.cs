using Virtualizability.Isa;
using Virtualizability.Proofs.Allocation;
using Virtualizability.Proofs.Lemmas;
using Virtualizability.Proofs.Obligations;
using Virtualizability.Proofs.Solving;
using Virtualizability.Proofs.Symbolic;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Solving.Z3;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// The identity model's lemma that the vmmap's renaming function is injective (s360's key rotation,
/// <c>VmMapRenamingLemmas</c>): declared from the spec's own function, proved in its own file, instantiated at
/// every comparison of renamed keys, and refuted (the obligations that assert its instances then not proved) when the
/// spec's renaming merges two keys.
/// </summary>
public sealed class RenamingLemmaTests
{
    [Fact]
    public void The_s360_key_rotation_is_proved_injective_and_riscv_declares_no_renaming_lemma()
    {
        var s360 = Specs.Load("isa-specs/s360.isa");
        var lemma = Assert.Single(IdentityProofModel.For(s360)!.Lemmas);
        Assert.Equal("vmmap-rename-is-injective", lemma.Name);
        Assert.IsType<SolverResult.Unsat>(new Z3InProcessBackend().Check(LemmaObligation.Negation(lemma, s360), TimeSpan.FromSeconds(60)));

        // riscv's vmmap adds an offset (no function call): its committed proofs stay as they were.
        var riscv = Specs.Load("isa-specs/riscv.isa");
        Assert.Empty(IdentityProofModel.For(riscv)!.Lemmas);
    }

    [Fact]
    public void CLC_equivalence_asserts_the_lemma_at_every_protection_check()
    {
        var model = Specs.Load("isa-specs/s360.isa");
        var allocator = IdentityProofModel.For(model)!;
        var builder = new ObligationBuilder(new SymbolicVmm(model, allocator));
        var obligation = builder.Equivalence(model.Instruction("CLC")!);
        Assert.Equal(["vmmap-rename-is-injective"], obligation.Lemmas.Select(l => l.Name));
        // Six instruction bytes and the four operand ends are checked against the PSW key (real: renamed keys), and the
        // PSW key against the master key 0: eleven comparisons of renamed values, each with its instance.
        var instances = obligation.Negation.Assertions.Count(a => a.Kind == Smt.Terms.TermKind.Eq && a.Args.All(x => x.Sort.IsBool));
        Assert.Equal(11, instances);
    }

    [Fact]
    public void A_renaming_that_merges_two_keys_fails_its_lemma_and_store_equivalence_is_not_proved()
    {
        // rename(6, x) = 5 for every x: at x = 15 (the identity rotation) keys 5 and 6 are both 5.
        var text = File.ReadAllText(Specs.PathOf("isa-specs/s360.isa"));
        const string correct = "return (m + 1)[3..0];";
        Assert.Contains(correct, text);
        var loaded = IsaFrontEnd.LoadText(text.Replace(correct, "return if k == 6 then 5 else (m + 1)[3..0];"), "s360-merged-keys.isa");
        var model = loaded.Model ?? throw new InvalidOperationException(string.Join("\n", loaded.Diagnostics));

        var report = Provers.Prove(model, IdentityProofModel.For(model)!, Provers.Only("ST"));
        var lemma = Assert.Single(report.Lemmas);
        Assert.Equal(ProofVerdict.Failed, lemma.Verdict);
        // ST equivalence asserts the false lemma's instances, which remove its counterexamples (a guest with key 6
        // storing into a block of key 5 traps, the real machine, with both renamed to 5, stores): its unsat proves
        // nothing, and it is not reported proved.
        var st = report.Results.Single(r => r.Property == ObligationProperty.Equivalence);
        Assert.Contains(lemma.Name, st.Lemmas);
        Assert.NotEqual(ProofVerdict.Proved, st.Verdict);
    }
}
