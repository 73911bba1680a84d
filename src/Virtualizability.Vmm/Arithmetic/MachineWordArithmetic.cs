namespace Virtualizability.Vmm.Arithmetic;

/// <summary>Concrete w-bit words as <see cref="ulong"/>: the arithmetic the runtime's allocators compute with.</summary>
public sealed class MachineWordArithmetic(int width) : IWordArithmetic<ulong, bool>
{
    private readonly ulong _mask = width >= 64 ? ulong.MaxValue : (1UL << width) - 1;

    public ulong Word(ulong value) => value & _mask;

    // A wide value of a 64-bit machine would need 65 bits; no spec in the corpus has one, and the runtime never builds one.
    public ulong WideWord(ulong value) => width >= 64 ? throw new NotSupportedException("64-bit relocation-bounds machines") : value;

    public ulong Widen(ulong word) => word & _mask;

    public ulong Narrow(ulong wide) => wide & _mask;

    public ulong Add(ulong a, ulong b) => (a + b) & _mask;

    public ulong SubtractWide(ulong a, ulong b) => a - b;

    public bool LessOrEqual(ulong a, ulong b) => a <= b;

    public ulong IfThenElse(bool condition, ulong then, ulong @else) => condition ? then : @else;
}
