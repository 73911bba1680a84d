using System.Collections.Immutable;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Symbolic;

/// <summary>
/// What a VMM state consists of, as terms: the real machine's registers, machine memory (read at one address at a
/// time: a VM map's memory has no array term of its own), the registers the VM keeps only in its virtual state, whether
/// the VM has halted, and whether control left the VMM (the real machine halted in user mode).
/// </summary>
public sealed record VmmView(
    ImmutableArray<Term> RealSlots,
    Func<Term, Term> MachineMemoryAt,
    ImmutableArray<Term> VirtualOnlySlots,
    Term Halted,
    Term ControlLost)
{
    /// <summary>The two states differ somewhere; memory is compared at <paramref name="address"/> (a fresh symbol under an existential).</summary>
    public static Term Differ(VmmView a, VmmView b, Term address) => Term.Or(
        a.RealSlots.Zip(b.RealSlots, Term.Ne)
            .Concat(a.VirtualOnlySlots.Zip(b.VirtualOnlySlots, Term.Ne))
            .Append(Term.Ne(a.Halted, b.Halted))
            .Append(Term.Ne(a.ControlLost, b.ControlLost))
            .Append(Term.Ne(a.MachineMemoryAt(address), b.MachineMemoryAt(address))));

    /// <summary>ite(condition, then, else), component by component.</summary>
    public static VmmView Merge(Term condition, VmmView then, VmmView @else) => new(
        [.. then.RealSlots.Zip(@else.RealSlots, (x, y) => Term.Ite(condition, x, y))],
        address => Term.Ite(condition, then.MachineMemoryAt(address), @else.MachineMemoryAt(address)),
        [.. then.VirtualOnlySlots.Zip(@else.VirtualOnlySlots, (x, y) => Term.Ite(condition, x, y))],
        Term.Ite(condition, then.Halted, @else.Halted),
        Term.Ite(condition, then.ControlLost, @else.ControlLost));
}
