using Virtualizability.Isa;
using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Allocation;
using Virtualizability.Proofs.Obligations;
using Virtualizability.Proofs.Solving;
using Virtualizability.Proofs.Symbolic;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Vmm;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// A register whose mode is one field and whose other bits are condition codes that user-mode instructions write (the
/// AArch64 PSTATE, the VAX PSL, found by tests/unseen-specs): the VMM keeps only the mode bits virtual. When the whole
/// register was virtual, a directly executed compare left the virtual copy's flags stale and equivalence failed.
/// </summary>
public sealed class PartialRegisterProofTests
{
    private const string Spec = """
        isa flags "a mode bit beside condition codes";
        encoding fixed 8;
        memory E : bits(8) -> bits(8), big;
        register P : bits(8);
        register G : bits(8);
        register F : bits(8) fields { S : 7, Z : 0 };
        roles {
          pc P;
          storage E;
          mode F.S;
          supervisor when F.S == 1;
          enter user { F.S := 0; }
          enter supervisor { F.S := 1; }
        }
        exception Privileged() { F.S := 1; P := 0x80; }
        fn fetch() : bits(8) = E[P];
        instruction TST "0001 0000" "Z := G == 0" { F.Z := if G == 0 then 0b1 else 0b0; P := P + 1; }
        instruction GETF "0010 0000" "G := F (privileged)" { require F.S == 1 else trap Privileged(); G := F; P := P + 1; }
        """;

    private static IsaModel Load()
    {
        var result = IsaFrontEnd.LoadText(Spec, "flags.isa");
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    [Fact]
    public void The_bits_outside_the_mode_field_are_direct()
    {
        var model = Load();
        var partition = new RegisterPartition(model, new HashSet<RegisterDecl>());
        var f = model.Registers.Single(r => r.Name == "F");
        Assert.Contains(f, partition.Virtualized);
        Assert.Equal([(f.Slot, 0x7FUL)], partition.PartialSlots);
        // An allocator that keeps the register whole (the MIPS policy computes the real Status) splits nothing.
        Assert.Empty(new RegisterPartition(model, new HashSet<RegisterDecl> { f }).PartialSlots);
    }

    [Fact]
    public void A_flag_written_in_direct_execution_is_proved_and_keeping_the_register_whole_fails()
    {
        var model = Load();
        var identity = IdentityProofModel.For(model)!;
        var report = Provers.Prove(model, identity, Provers.Only("TST", "GETF"));
        Assert.Empty(report.Results.Where(r => r.Verdict is ProofVerdict.Failed or ProofVerdict.Unknown).Select(r => $"{r.Instruction} {r.Property}: {r.Verdict} {r.Reason}"));

        var whole = Provers.Prove(model, new KeepsRegisterWhole(identity, model.Registers.Single(r => r.Name == "F")), Provers.Only("TST"));
        var tst = whole.Results.Single(r => r.Property == ObligationProperty.Equivalence);
        Assert.Equal(ProofVerdict.Failed, tst.Verdict);
        Assert.Contains("virtual F", tst.Counterexample);
    }

    /// <summary>
    /// At a trap the dispatcher's copy takes a split register's direct bits from the real register and its role bits from
    /// the virtual one. Where the real register is the virtual one with only the mode field rewritten (enter user), the copy
    /// is the virtual register's own term, so fields read after the trap need no reasoning about masks: merged as masks and
    /// an OR, SPARC's PSR.CWP (which indexes 128 windowed registers) left ADD's equivalence unknown at 60 s.
    /// </summary>
    [Fact]
    public void The_dispatchers_copy_of_a_split_register_is_the_virtual_term_when_only_the_mode_bits_differ()
    {
        var model = Load();
        var vmm = new SymbolicVmm(model, IdentityProofModel.For(model)!);
        var v = SymbolicState.Fresh(model, "v.");
        var real = vmm.RealOf(v, v.Memory(vmm.Storage));
        var f = model.Registers.Single(r => r.Name == "F");
        Assert.NotSame(v.Slots[f.Slot], real.Slots[f.Slot]);   // the real F has S = 0
        Assert.Same(v.Slots[f.Slot], vmm.WithDirectFrom(v, real).Slots[f.Slot]);
    }

    private sealed class KeepsRegisterWhole(IAllocatorProofModel inner, RegisterDecl register) : DelegatingAllocatorModel(inner)
    {
        public override string Description => "identity, with " + register.Name + " virtual whole";
        public override IReadOnlySet<RegisterDecl> ExtraVirtualized => new HashSet<RegisterDecl> { register };
    }
}
