namespace Virtualizability.Vmm.Arithmetic;

/// <summary>Bit vectors of up to 64 bits as machine words (each value holds only its own width's bits).</summary>
public sealed class MachineBitVectorArithmetic : IBitVectorArithmetic<ulong, bool>
{
    public static MachineBitVectorArithmetic Instance { get; } = new();

    public ulong Constant(ulong value, int width) => value & Mask(width);

    public ulong Extract(ulong value, int high, int low) => (value >> low) & Mask(high - low + 1);

    public ulong BitAnd(ulong a, ulong b) => a & b;

    public bool Equal(ulong a, ulong b) => a == b;

    public bool And(bool a, bool b) => a && b;

    public bool Or(bool a, bool b) => a || b;

    public bool Not(bool a) => !a;

    public ulong IfThenElse(bool condition, ulong then, ulong @else) => condition ? then : @else;

    private static ulong Mask(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;
}
