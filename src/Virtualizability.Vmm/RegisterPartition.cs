using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Vmm;

/// <summary>
/// Splits the spec's registers into those the guest runs on directly (general registers, P ...), which move between
/// the real and the virtual state on every switch and every trap, and the virtualized ones (mode, resources, and
/// whatever else the allocator keeps), which exist for the guest only in its virtual state.
/// </summary>
public sealed class RegisterPartition
{
    private readonly (int Start, int Count)[] _direct;

    public RegisterPartition(IsaModel model, IReadOnlySet<RegisterDecl> virtualized)
    {
        // Whole registers: a mode field (MIPS Status.KSU) makes its register virtual; the allocator writes the real one.
        var owned = new HashSet<RegisterDecl>(virtualized);
        foreach (var reference in model.Roles.ModeState.Concat(model.Roles.Resources)) owned.Add(reference.Register);
        Virtualized = owned;
        Direct = model.Registers.Where(r => !owned.Contains(r)).ToArray();
        _direct = Direct.Select(r => (r.Slot, r.Count)).ToArray();
    }

    public IReadOnlyCollection<RegisterDecl> Virtualized { get; }

    public IReadOnlyList<RegisterDecl> Direct { get; }

    /// <summary>Copies the directly executed registers from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public void CopyDirect(MachineState from, MachineState to)
    {
        foreach (var (start, count) in _direct) Array.Copy(from.Registers, start, to.Registers, start, count);
    }
}
