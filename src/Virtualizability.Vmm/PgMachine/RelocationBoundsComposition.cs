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
/// </summary>
public static class RelocationBoundsComposition
{
    public static (ulong Base, ulong Bound) Compose(ulong virtualBase, ulong virtualBound, ulong allocationBase, ulong allocationSize, int addressWidth)
    {
        var mask = addressWidth >= 64 ? ulong.MaxValue : (1UL << addressWidth) - 1;
        if (virtualBase >= allocationSize) return (allocationBase & mask, 0);
        return ((allocationBase + virtualBase) & mask, Math.Min(virtualBound, allocationSize - virtualBase));
    }
}
