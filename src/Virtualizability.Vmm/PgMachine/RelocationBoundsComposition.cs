using Virtualizability.Vmm.Arithmetic;

namespace Virtualizability.Vmm.PgMachine;

/// <summary>
/// R_real = R_alloc ∘ R_virtual for a relocation-bounds machine whose access of n cells at virtual address a is valid
/// when a + n ≤ b and goes to l + a (mod 2^w).
///
/// A VM's guest-physical memory is [0, size) placed at machine [base, base + size). The virtual R = (vl, vb) sends a
/// to guest-physical vl + a, which is machine base + vl + a when vl + a + n ≤ size. So the real R is
/// <code>
///   l = base + vl                      (mod 2^w)
///   b = min(vb, size − vl)  if vl &lt; size,   0 otherwise
/// </code>
/// and a real access is valid exactly when a + n ≤ vb (the guest allows it) and vl + a + n ≤ size (it stays in the
/// VM's memory), with machine address base + vl + a &lt; base + size ≤ 2^w, so never wrapping into another region.
/// Accesses the guest allows but this cannot express (beyond its RAM, or wrapping around 2^w) trap and are
/// interpreted on the virtual state.
///
/// The definitions are written once, generically (<see cref="IWordArithmetic{T, TBool}"/>): the runtime evaluates them
/// on machine words and the VMM proofs (Virtualizability.Proofs) on SMT terms, so what is proved is this code.
/// </summary>
public static class RelocationBoundsComposition
{
    public static (ulong Base, ulong Bound) Compose(ulong virtualBase, ulong virtualBound, ulong allocationBase, ulong allocationSize, int addressWidth)
    {
        var w = new MachineWordArithmetic(addressWidth);
        return Compose(w, w.Word(virtualBase), w.Word(virtualBound), w.Word(allocationBase), w.WideWord(allocationSize));
    }

    /// <summary>The composition over any arithmetic; <paramref name="allocationSize"/> is wide (it may be 2^w).</summary>
    public static (T Base, T Bound) Compose<T, TBool>(IWordArithmetic<T, TBool> w, T virtualBase, T virtualBound, T allocationBase, T allocationSize)
    {
        var beyond = WindowBeyondRam(w, virtualBase, allocationSize);
        var room = w.SubtractWide(allocationSize, w.Widen(virtualBase));
        var bound = w.Narrow(w.IfThenElse(BoundFitsRam(w, virtualBase, virtualBound, allocationSize), w.Widen(virtualBound), room));
        return (
            w.IfThenElse(beyond, allocationBase, w.Add(allocationBase, virtualBase)),
            w.IfThenElse(beyond, w.Word(0), bound));
    }

    /// <summary>vl ≥ size: the guest's whole window lies beyond its RAM; no access can be direct (the composition's case split).</summary>
    public static TBool WindowBeyondRam<T, TBool>(IWordArithmetic<T, TBool> w, T virtualBase, T allocationSize) =>
        w.LessOrEqual(allocationSize, w.Widen(virtualBase));

    /// <summary>vb ≤ size − vl: the guest's bound keeps its window inside its RAM (then the real bound is the guest's).</summary>
    public static TBool BoundFitsRam<T, TBool>(IWordArithmetic<T, TBool> w, T virtualBase, T virtualBound, T allocationSize) =>
        w.LessOrEqual(w.Widen(virtualBound), w.SubtractWide(allocationSize, w.Widen(virtualBase)));

    /// <summary>
    /// The allocator's decision on a memory trap at virtual address <paramref name="address"/>: reflect it to the guest
    /// when the guest's own bound fails for an access of any size (address ≥ vb), otherwise let the interpreter judge.
    /// </summary>
    public static TBool ReflectsMemoryTrap<T, TBool>(IWordArithmetic<T, TBool> w, T address, T virtualBound) =>
        w.LessOrEqual(virtualBound, address);
}
