using System.Runtime.CompilerServices;
using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Conformance.Bridge;

/// <summary>
/// Maps the reference's <see cref="MipsState"/> to the spec model's <see cref="MachineState"/> and back.
///
/// Shared architectural state, mapped one to one: GPRs, HI, LO, LLbit, every CP0 register both sides store
/// (Index, Random, EntryLo0/1, Context, UserLocal, PageMask, Wired, HWREna, BadVAddr, Count, EntryHi, Compare,
/// Status, Cause, EPC, EBase, Config0, LLAddr, ErrorEPC) and the 16 TLB entries (reference <see cref="TlbEntry"/>
/// fields = spec TLB_Hi/TLB_Mask/TLB_Lo0/TLB_Lo1).
///
/// The program counter: the reference keeps (Pc, NextPc, InDelaySlot); the spec keeps PC, InDS and DSTarget
/// (the address after the delay slot, meaningful only when InDS = 1). So NextPc = InDS ? DSTarget : PC + 4.
///
/// Present on one side only:
/// <list type="bullet">
/// <item>Spec NPC, BrPending, BrTarget: scratch registers of one step (set by the prologue or an instruction,
/// consumed by the epilogue); not architectural, zero between steps, not compared.</item>
/// <item>Spec DSTarget when InDS = 0: stale, not architectural, not compared.</item>
/// <item>Spec Waiting: a WAIT that is waiting; compared with the reference's <see cref="MipsState.Waiting"/>.</item>
/// <item>Reference IntCtl and SRSCtl are registers; the spec has them as constants (INTCTL, SRSCtl = 0).
/// Mapping back fills in the spec's constants, so a reference write that changes them shows as a difference.</item>
/// <item>Read-only identification registers (PRId, Config1..3) are constants on both sides; they are compared
/// through MFC0 results.</item>
/// </list>
/// </summary>
internal static class StateBridge
{
    public const uint SpecIntCtl = 0xE000_0000;
    public const uint SpecSrsCtl = 0;

    public static void ToModel(MipsState s, MachineState m)
    {
        for (int i = 0; i < 32; i++) m.SetRegister(R(m, "GPR"), i, s.Gpr[i]);
        m.SetRegister(R(m, "HI"), s.Hi);
        m.SetRegister(R(m, "LO"), s.Lo);
        m.SetRegister(R(m, "PC"), s.Pc);
        m.SetRegister(R(m, "InDS"), s.InDelaySlot ? 1u : 0u);
        m.SetRegister(R(m, "DSTarget"), s.InDelaySlot ? s.NextPc : 0);
        m.SetRegister(R(m, "NPC"), 0);
        m.SetRegister(R(m, "BrPending"), 0);
        m.SetRegister(R(m, "BrTarget"), 0);
        m.SetRegister(R(m, "Waiting"), s.Waiting ? 1u : 0u);
        m.SetRegister(R(m, "LLbit"), s.LLbit ? 1u : 0u);
        foreach (var (name, get, set) in Cp0Registers) m.SetRegister(R(m, name), get(s));
        for (int i = 0; i < Cp0Bits.TlbEntries; i++)
        {
            var e = s.Tlb[i];
            m.SetRegister(R(m, "TLB_Hi"), i, e.EntryHi);
            m.SetRegister(R(m, "TLB_Mask"), i, e.PageMask);
            m.SetRegister(R(m, "TLB_Lo0"), i, e.EntryLo0);
            m.SetRegister(R(m, "TLB_Lo1"), i, e.EntryLo1);
        }
    }

    public static MipsState FromModel(MachineState m)
    {
        var s = new MipsState();
        for (int i = 0; i < 32; i++) s.Gpr[i] = (uint)m.GetRegister(R(m, "GPR"), i);
        s.Hi = (uint)m.GetRegister(R(m, "HI"));
        s.Lo = (uint)m.GetRegister(R(m, "LO"));
        s.Pc = (uint)m.GetRegister(R(m, "PC"));
        s.InDelaySlot = m.GetRegister(R(m, "InDS")) != 0;
        s.NextPc = s.InDelaySlot ? (uint)m.GetRegister(R(m, "DSTarget")) : s.Pc + 4;
        s.Waiting = m.GetRegister(R(m, "Waiting")) != 0;
        s.LLbit = m.GetRegister(R(m, "LLbit")) != 0;
        foreach (var (name, get, set) in Cp0Registers) set(s, (uint)m.GetRegister(R(m, name)));
        s.IntCtl = SpecIntCtl;
        s.SRSCtl = SpecSrsCtl;
        for (int i = 0; i < Cp0Bits.TlbEntries; i++)
            s.Tlb[i] = new TlbEntry(
                (uint)m.GetRegister(R(m, "TLB_Hi"), i), (uint)m.GetRegister(R(m, "TLB_Mask"), i),
                (uint)m.GetRegister(R(m, "TLB_Lo0"), i), (uint)m.GetRegister(R(m, "TLB_Lo1"), i));
        return s;
    }

    // IsaModel.Register searches the declarations by name; a case moves ~130 registers each way, so the
    // declarations are looked up once per model.
    private static readonly ConditionalWeakTable<IsaModel, Dictionary<string, RegisterDecl>> Declarations = new();

    private static RegisterDecl R(MachineState m, string name)
    {
        var byName = Declarations.GetValue(m.Model, model => model.Registers.ToDictionary(r => r.Name));
        return byName.TryGetValue(name, out var register) ? register : throw new ArgumentException($"no register named {name}", nameof(name));
    }

    /// <summary>The CP0 registers both sides store, by the spec's register name.</summary>
    private static readonly (string Name, Func<MipsState, uint> Get, Action<MipsState, uint> Set)[] Cp0Registers =
    [
        ("Index", s => s.Index, (s, v) => s.Index = v),
        ("Random", s => s.Random, (s, v) => s.Random = v),
        ("EntryLo0", s => s.EntryLo0, (s, v) => s.EntryLo0 = v),
        ("EntryLo1", s => s.EntryLo1, (s, v) => s.EntryLo1 = v),
        ("Context", s => s.Context, (s, v) => s.Context = v),
        ("UserLocal", s => s.UserLocal, (s, v) => s.UserLocal = v),
        ("PageMask", s => s.PageMask, (s, v) => s.PageMask = v),
        ("Wired", s => s.Wired, (s, v) => s.Wired = v),
        ("HWREna", s => s.HWREna, (s, v) => s.HWREna = v),
        ("BadVAddr", s => s.BadVAddr, (s, v) => s.BadVAddr = v),
        ("Count", s => s.Count, (s, v) => s.Count = v),
        ("EntryHi", s => s.EntryHi, (s, v) => s.EntryHi = v),
        ("Compare", s => s.Compare, (s, v) => s.Compare = v),
        ("Status", s => s.Status, (s, v) => s.Status = v),
        ("Cause", s => s.Cause, (s, v) => s.Cause = v),
        ("EPC", s => s.EPC, (s, v) => s.EPC = v),
        ("EBase", s => s.EBase, (s, v) => s.EBase = v),
        ("Config0", s => s.Config0, (s, v) => s.Config0 = v),
        ("LLAddr", s => s.LLAddr, (s, v) => s.LLAddr = v),
        ("ErrorEPC", s => s.ErrorEPC, (s, v) => s.ErrorEPC = v),
    ];
}
