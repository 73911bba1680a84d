namespace Virtualizability.Vmm.Arithmetic;

/// <summary>
/// Bit-vector operations of any width, over values (T) and conditions (TBool): what an ISA-specific resource
/// composition (<see cref="Identity.IResourceComposition"/>) is written against, so that the runtime evaluates it on
/// machine words (<see cref="MachineBitVectorArithmetic"/>) and the VMM proofs on SMT terms, and what is proved is that code.
/// </summary>
public interface IBitVectorArithmetic<T, TBool>
{
    /// <summary>A constant of <paramref name="width"/> bits (the value is cut to the width).</summary>
    T Constant(ulong value, int width);

    /// <summary>Bits high..low of a value, as a value of high − low + 1 bits.</summary>
    T Extract(T value, int high, int low);

    T BitAnd(T a, T b);

    TBool Equal(T a, T b);

    TBool And(TBool a, TBool b);

    TBool Or(TBool a, TBool b);

    TBool Not(TBool a);

    T IfThenElse(TBool condition, T then, T @else);
}
