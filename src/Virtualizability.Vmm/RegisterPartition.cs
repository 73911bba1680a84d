using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Vmm;

/// <summary>
/// Splits the spec's registers into those the guest runs on directly (general registers, P ...), which move between
/// the real and the virtual state on every switch and every trap, and the virtualized ones (mode, resources, and
/// whatever else the allocator keeps), which exist for the guest only in its virtual state.
/// A register only some of whose fields are mode or resources (AArch64 PSTATE.EL beside NZCV, the VAX PSL's modes
/// beside its condition codes) is split by bits: its other bits are written by directly executed instructions (SUBS,
/// CMPL), so they move like a direct register's (<see cref="PartialSlots"/>), and only the role fields stay virtual.
/// </summary>
public sealed class RegisterPartition
{
    private readonly (int Start, int Count)[] _direct;

    public RegisterPartition(IsaModel model, IReadOnlySet<RegisterDecl> virtualized)
    {
        var owned = new HashSet<RegisterDecl>(virtualized);
        var roleBits = new Dictionary<int, ulong>();    // slot -> bits named by a mode or resource field
        foreach (var reference in model.Roles.ModeState.Concat(model.Roles.Resources))
        {
            owned.Add(reference.Register);
            var slots = reference.Index is { } i ? [reference.Register.Slot + i]
                : Enumerable.Range(reference.Register.Slot, reference.Register.Count);
            var bits = reference.Field is { } f ? Mask(f.Width) << f.Low : Mask(reference.Register.Width);
            foreach (var slot in slots) roleBits[slot] = roleBits.GetValueOrDefault(slot) | bits;
        }
        Virtualized = owned;
        Direct = model.Registers.Where(r => !owned.Contains(r)).ToArray();
        _direct = Direct.Select(r => (r.Slot, r.Count)).ToArray();
        // An entry of a partly named register that no role names is virtual whole (it is still the register's state).
        PartialSlots = model.Registers
            .Where(r => owned.Contains(r) && !virtualized.Contains(r))
            .SelectMany(r => Enumerable.Range(r.Slot, r.Count).Select(slot => (Slot: slot, DirectMask: Mask(r.Width) & ~roleBits.GetValueOrDefault(slot, Mask(r.Width)))))
            .Where(p => p.DirectMask != 0)
            .ToArray();
    }

    public IReadOnlyCollection<RegisterDecl> Virtualized { get; }

    public IReadOnlyList<RegisterDecl> Direct { get; }

    /// <summary>Slots of virtualized registers with bits outside every role field: those bits (the mask) move as direct state.</summary>
    public IReadOnlyList<(int Slot, ulong DirectMask)> PartialSlots { get; }

    /// <summary>Copies the directly executed registers and bits from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public void CopyDirect(MachineState from, MachineState to)
    {
        foreach (var (start, count) in _direct) Array.Copy(from.Registers, start, to.Registers, start, count);
        foreach (var (slot, mask) in PartialSlots) to.Registers[slot] = (to.Registers[slot] & ~mask) | (from.Registers[slot] & mask);
    }

    /// <summary>All ones in a register of <paramref name="width"/> bits.</summary>
    public static ulong Mask(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;
}
