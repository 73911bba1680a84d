using Virtualizability.Isa.Ir;
using Virtualizability.Vmm.Arithmetic;
using Virtualizability.Vmm.Identity;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// s360 storage keys renamed so that non-zero key 5 becomes the master key 0 (every other key kept): a renaming that
/// is not a bijection on the non-zero keys, so a guest running with key 5 may store into blocks of other keys.
/// </summary>
internal sealed class KeyFiveBecomesZero(IsaModel model) : IResourceComposition
{
    private readonly RegisterDecl _key = model.Register("KEY")!;
    private readonly RegisterDecl _storageKeys = model.Register("SK")!;

    public string Description => "broken: key 5 renamed to 0";

    public IReadOnlyList<string> Text => ["  real KEY = 0 when v.KEY = 5 (broken), real SK = v.SK"];

    public IReadOnlyList<RealRegisterValue<T>> Compose<T, TBool>(IBitVectorArithmetic<T, TBool> b, Func<RegisterDecl, int, T> v) =>
    [
        new(_key, 0, b.IfThenElse(b.Equal(v(_key, 0), b.Constant(5, 4)), b.Constant(0, 4), v(_key, 0))),
        .. Enumerable.Range(0, _storageKeys.Count).Select(i => new RealRegisterValue<T>(_storageKeys, i, v(_storageKeys, i))),
    ];

    public TBool ExpressedExactly<T, TBool>(IBitVectorArithmetic<T, TBool> b, Func<RegisterDecl, int, T> v) => b.Equal(b.Constant(0, 1), b.Constant(0, 1));

    public IReadOnlyList<TBool> Cases<T, TBool>(IBitVectorArithmetic<T, TBool> b, Func<RegisterDecl, int, T> v) => [];
}

/// <summary>
/// RISC-V PMP composed as if every virtual M-mode access were allowed: one real entry granting U everything whenever
/// the guest is in M-mode, locked entries and MPRV ignored. Grants real U accesses the guest's own PMP forbids.
/// </summary>
internal sealed class GrantAllInMachineMode(IsaModel model) : IResourceComposition
{
    private readonly RegisterDecl _priv = model.Register("PRIV")!;
    private readonly RegisterDecl _config = model.Register("PMPCFG0")!;
    private readonly RegisterDecl _address = model.Register("PMPADDR")!;
    private readonly IResourceComposition _correct = RiscvPmpComposition.For(model)!;

    public string Description => "broken: PMP grants all in virtual M-mode";

    public IReadOnlyList<string> Text => ["  real PMP = one entry granting everything when v.PRIV = 3 (broken: locks and MPRV ignored)"];

    public IReadOnlyList<RealRegisterValue<T>> Compose<T, TBool>(IBitVectorArithmetic<T, TBool> b, Func<RegisterDecl, int, T> v)
    {
        var machine = b.Equal(v(_priv, 0), b.Constant(3, 2));
        return
        [
            .. _correct.Compose(b, v).Where(r => r.Register != _config && r.Register != _address),
            new(_config, 0, b.IfThenElse(machine, b.Constant(0x1f, 32), v(_config, 0))),
            new(_address, 0, b.IfThenElse(machine, b.Constant(0xffff_ffff, 32), v(_address, 0))),
        ];
    }

    public TBool ExpressedExactly<T, TBool>(IBitVectorArithmetic<T, TBool> b, Func<RegisterDecl, int, T> v) => _correct.ExpressedExactly(b, v);

    public IReadOnlyList<TBool> Cases<T, TBool>(IBitVectorArithmetic<T, TBool> b, Func<RegisterDecl, int, T> v) => _correct.Cases(b, v);
}
