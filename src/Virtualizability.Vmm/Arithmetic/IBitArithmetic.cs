namespace Virtualizability.Vmm.Arithmetic;

/// <summary>
/// Bitwise and modular operations on w-bit words (T) and conditions (TBool): what the MIPS allocator's definitions
/// (shadow entries, interrupt delivery) compute with. Like <see cref="IWordArithmetic{T, TBool}"/>, written once and run
/// concretely by the runtime (<see cref="MachineBitArithmetic"/>) and on SMT terms by the VMM proofs.
/// </summary>
public interface IBitArithmetic<T, TBool>
{
    T Word(ulong value);

    T And(T a, T b);

    T Or(T a, T b);

    /// <summary>Bitwise complement (of w bits).</summary>
    T Complement(T a);

    /// <summary>Addition modulo 2^w.</summary>
    T Add(T a, T b);

    /// <summary>Subtraction modulo 2^w.</summary>
    T Subtract(T a, T b);

    T ShiftLeft(T a, int amount);

    T ShiftRight(T a, int amount);

    TBool Equal(T a, T b);

    /// <summary>Unsigned a &lt; b.</summary>
    TBool LessThan(T a, T b);

    TBool Not(TBool a);

    TBool All(TBool a, TBool b);

    TBool Any(TBool a, TBool b);

    TBool Constant(bool value);

    T IfThenElse(TBool condition, T then, T @else);
}

/// <summary>Derived operations, the same for every arithmetic.</summary>
public static class BitArithmetic
{
    public static T Min<T, TBool>(this IBitArithmetic<T, TBool> w, T a, T b) => w.IfThenElse(w.LessThan(b, a), b, a);

    public static T Max<T, TBool>(this IBitArithmetic<T, TBool> w, T a, T b) => w.IfThenElse(w.LessThan(a, b), b, a);

    public static TBool IsZero<T, TBool>(this IBitArithmetic<T, TBool> w, T a) => w.Equal(a, w.Word(0));

    /// <summary>(a &amp; mask) == 0.</summary>
    public static TBool Clear<T, TBool>(this IBitArithmetic<T, TBool> w, T a, ulong mask) => w.IsZero(w.And(a, w.Word(mask)));
}
