namespace Virtualizability.Vmm.Arithmetic;

/// <summary>Concrete w-bit words as <see cref="ulong"/> (w &lt; 64): the MIPS allocator's runtime arithmetic.</summary>
public sealed class MachineBitArithmetic(int width) : IBitArithmetic<ulong, bool>
{
    public static MachineBitArithmetic Word32 { get; } = new(32);

    private readonly ulong _mask = (1UL << width) - 1;

    public ulong Word(ulong value) => value & _mask;

    public ulong And(ulong a, ulong b) => a & b;

    public ulong Or(ulong a, ulong b) => a | b;

    public ulong Complement(ulong a) => ~a & _mask;

    public ulong Add(ulong a, ulong b) => (a + b) & _mask;

    public ulong Subtract(ulong a, ulong b) => (a - b) & _mask;

    public ulong ShiftLeft(ulong a, int amount) => (a << amount) & _mask;

    public ulong ShiftRight(ulong a, int amount) => a >> amount;

    public bool Equal(ulong a, ulong b) => a == b;

    public bool LessThan(ulong a, ulong b) => a < b;

    public bool Not(bool a) => !a;

    public bool All(bool a, bool b) => a && b;

    public bool Any(bool a, bool b) => a || b;

    public bool Constant(bool value) => value;

    public ulong IfThenElse(bool condition, ulong then, ulong @else) => condition ? then : @else;
}
