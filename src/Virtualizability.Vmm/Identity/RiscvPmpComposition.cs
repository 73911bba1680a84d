using Virtualizability.Isa.Ir;
using Virtualizability.Vmm.Arithmetic;

namespace Virtualizability.Vmm.Identity;

/// <summary>
/// RISC-V allocator policy for the identity VMM: the guest runs in real U-mode whatever its virtual privilege, and
/// PMP and the counter enables are judged by privilege, so they are composed:
/// <code>
///   virtual M, no locked PMP entry, data privilege M (MPRV = 0 or MPP = M):
///       real pmpcfg0 = 0x1f (entry 0 NAPOT, R W X), real pmpaddr0 = 0xffffffff   (one entry: U may do anything)
///   virtual M otherwise:   real pmpcfg0 = 0 (no entry matches: every U access faults and is interpreted)
///   virtual S or U:        real PMP = the guest's (S and U accesses are checked alike)
///   real mcounteren = 7 in virtual M, else the guest's;  real scounteren = the guest's in virtual U, else 7
/// </code>
/// A real U-mode access then succeeds only where the guest's access succeeds (an M-mode guest with no locked entry may
/// access everything; an S- or U-mode guest's check is the real one), and a counter read completes directly exactly
/// when the guest may read it in its mode. Everything the real PMP cannot express (locked entries, MPRV with a lower
/// MPP) faults in real U-mode and is interpreted on the virtual state.
/// </summary>
public sealed class RiscvPmpComposition(RegisterDecl priv, RegisterDecl mstatus, RegisterDecl pmpcfg0, RegisterDecl pmpaddr, RegisterDecl mcounteren, RegisterDecl scounteren)
    : IResourceComposition
{
    private const ulong GrantAllConfig = 0x1f;        // A = NAPOT (3 << 3), X W R
    private const ulong LockBits = 0x8080_8080;       // L of the four pmpcfg0 entries
    private const ulong CounterEnables = 0x7;         // CY, TM, IR (the WARL mask of both enables)

    /// <summary>The policy for the corpus's riscv spec (its register names), else null.</summary>
    public static RiscvPmpComposition? For(IsaModel model)
    {
        if (model.Name != "riscv") return null;
        if (model.Register("PRIV") is not { IsFile: false, Width: 2 } level
            || model.Register("MSTATUS") is not { IsFile: false, Width: 32 } status
            || model.Register("PMPCFG0") is not { IsFile: false, Width: 32 } cfg
            || model.Register("PMPADDR") is not { IsFile: true, Width: 32 } addr
            || model.Register("MCOUNTEREN") is not { IsFile: false, Width: 32 } mc
            || model.Register("SCOUNTEREN") is not { IsFile: false, Width: 32 } sc)
            return null;
        return new RiscvPmpComposition(level, status, cfg, addr, mc, sc);
    }

    public string Description => "RISC-V PMP and counter enables composed for real U-mode (RiscvPmpComposition)";

    public IReadOnlyList<string> Text =>
    [
        "  real PMPCFG0, PMPADDR[0] = 0x1f, 0xffffffff (one NAPOT entry: U may read, write, execute everything)",
        "    when v.PRIV = 3, no lock bit in v.PMPCFG0 and (v.MSTATUS.MPRV = 0 or v.MSTATUS.MPP = 3);",
        "  real PMPCFG0 = 0 (every U access faults) when v.PRIV = 3 otherwise; v's PMP when v.PRIV != 3;",
        "  real MCOUNTEREN = 7 when v.PRIV = 3, else v's; real SCOUNTEREN = v's when v.PRIV = 0, else 7.",
    ];

    public IReadOnlyList<RealRegisterValue<T>> Compose<T, TBool>(IBitVectorArithmetic<T, TBool> b, Func<RegisterDecl, int, T> v)
    {
        var machine = IsMachineMode(b, v);
        var grantAll = GrantsAll(b, v);
        return
        [
            new(pmpcfg0, 0, b.IfThenElse(grantAll, b.Constant(GrantAllConfig, 32), b.IfThenElse(machine, b.Constant(0, 32), v(pmpcfg0, 0)))),
            new(pmpaddr, 0, b.IfThenElse(grantAll, b.Constant(ulong.MaxValue, 32), v(pmpaddr, 0))),
            new(mcounteren, 0, b.IfThenElse(machine, b.Constant(CounterEnables, 32), v(mcounteren, 0))),
            new(scounteren, 0, b.IfThenElse(b.Equal(v(priv, 0), b.Constant(0, 2)), v(scounteren, 0), b.Constant(CounterEnables, 32))),
        ];
    }

    public TBool ExpressedExactly<T, TBool>(IBitVectorArithmetic<T, TBool> b, Func<RegisterDecl, int, T> v) =>
        b.Or(b.Not(IsMachineMode(b, v)), GrantsAll(b, v));

    public IReadOnlyList<TBool> Cases<T, TBool>(IBitVectorArithmetic<T, TBool> b, Func<RegisterDecl, int, T> v) =>
        [IsMachineMode(b, v), GrantsAll(b, v)];

    private TBool IsMachineMode<T, TBool>(IBitVectorArithmetic<T, TBool> b, Func<RegisterDecl, int, T> v) =>
        b.Equal(v(priv, 0), b.Constant(3, 2));

    /// <summary>Virtual M-mode whose every access PMP allows: no locked entry, and loads and stores at privilege M.</summary>
    private TBool GrantsAll<T, TBool>(IBitVectorArithmetic<T, TBool> b, Func<RegisterDecl, int, T> v)
    {
        var status = v(mstatus, 0);
        var unlocked = b.Equal(b.BitAnd(v(pmpcfg0, 0), b.Constant(LockBits, 32)), b.Constant(0, 32));
        var dataMachine = b.Or(b.Equal(b.Extract(status, 17, 17), b.Constant(0, 1)), b.Equal(b.Extract(status, 12, 11), b.Constant(3, 2)));
        return b.And(IsMachineMode(b, v), b.And(unlocked, dataMachine));
    }
}
