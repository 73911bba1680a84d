using Virtualizability.Smt.Terms;
using Virtualizability.Vmm.Arithmetic;

namespace Virtualizability.Proofs.Allocation;

/// <summary>Bit vectors as SMT terms: runs an ISA's resource composition (<see cref="IBitVectorArithmetic{T, TBool}"/>) symbolically.</summary>
public sealed class TermBitVectorArithmetic : IBitVectorArithmetic<Term, Term>
{
    public static TermBitVectorArithmetic Instance { get; } = new();

    public Term Constant(ulong value, int width) => Term.Bv(width >= 64 ? value : value & ((1UL << width) - 1), width);

    public Term Extract(Term value, int high, int low) => Term.Extract(value, high, low);

    public Term BitAnd(Term a, Term b) => Term.BvAnd(a, b);

    public Term Equal(Term a, Term b) => Term.Eq(a, b);

    public Term And(Term a, Term b) => Term.And(a, b);

    public Term Or(Term a, Term b) => Term.Or(a, b);

    public Term Not(Term a) => Term.Not(a);

    public Term IfThenElse(Term condition, Term then, Term @else) => Term.Ite(condition, then, @else);
}
