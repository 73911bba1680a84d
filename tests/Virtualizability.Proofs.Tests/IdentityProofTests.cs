using Virtualizability.Proofs.Allocation;
using Virtualizability.Proofs.Obligations;
using Virtualizability.Proofs.Solving;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// The identity VMM's proofs (s360, riscv: <see cref="IdentityProofModel"/>) on a few instructions each, and
/// compositions broken on purpose failing the obligation they break, with a counterexample.
/// </summary>
public sealed class IdentityProofTests
{
    [Fact]
    public void The_s360_store_a_key_instruction_and_an_overflowing_add_are_proved_under_the_rotated_keys()
    {
        var model = Specs.Load("isa-specs/s360.isa");
        // AR: its overflow, raised after the sum is stored, is reflected in every mode (ModeIndependentTraps).
        var report = Provers.Prove(model, IdentityProofModel.For(model)!, Provers.Only("ST", "ISK", "AR"));
        Assert.Empty(report.Results.Where(r => r.Verdict is ProofVerdict.Failed or ProofVerdict.Unknown).Select(r => $"{r.Instruction} {r.Property}: {r.Verdict} {r.Reason}"));
        Assert.Equal(ProofVerdict.Proved, report.Results.Single(r => r.Instruction == "ST" && r.Property == ObligationProperty.Efficiency).Verdict);
        Assert.Equal(ProofVerdict.NotApplicable, report.Results.Single(r => r.Instruction == "ISK" && r.Property == ObligationProperty.Efficiency).Verdict);
    }

    [Fact]
    public void A_key_renaming_that_maps_a_non_zero_key_to_zero_fails_store_equivalence()
    {
        var model = Specs.Load("isa-specs/s360.isa");
        var broken = IdentityProofModel.For(model, new KeyFiveBecomesZero(model))!;
        var report = Provers.Prove(model, broken, Provers.Only("ST"));
        var st = report.Results.Single(r => r.Property == ObligationProperty.Equivalence);
        Assert.Equal(ProofVerdict.Failed, st.Verdict);
        Assert.Matches(@"v\.KEY\s+0x5", st.Counterexample);
    }

    [Fact]
    public void The_riscv_byte_store_and_ecall_are_proved_under_the_pmp_composition()
    {
        var model = Specs.Load("isa-specs/riscv.isa");
        // SB: PMP decides the store; ECALL: its cause depends on the virtual privilege, so it is interpreted outside U-mode.
        var report = Provers.Prove(model, IdentityProofModel.For(model)!, Provers.Only("SB", "ECALL"));
        Assert.Empty(report.Results.Where(r => r.Verdict is ProofVerdict.Failed or ProofVerdict.Unknown).Select(r => $"{r.Instruction} {r.Property}: {r.Verdict} {r.Reason}"));
    }

    [Fact]
    public void A_pmp_composition_that_grants_what_the_guest_forbids_fails_store_equivalence()
    {
        var model = Specs.Load("isa-specs/riscv.isa");
        var broken = IdentityProofModel.For(model, new GrantAllInMachineMode(model))!;
        var report = Provers.Prove(model, broken, Provers.Only("SB"));
        var sb = report.Results.Single(r => r.Property == ObligationProperty.Equivalence);
        Assert.Equal(ProofVerdict.Failed, sb.Verdict);
        Assert.Contains("v.PRIV", sb.Counterexample);
    }
}
