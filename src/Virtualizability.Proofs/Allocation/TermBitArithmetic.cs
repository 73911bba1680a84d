using Virtualizability.Smt.Terms;
using Virtualizability.Vmm.Arithmetic;

namespace Virtualizability.Proofs.Allocation;

/// <summary>w-bit words as SMT terms: runs the MIPS allocator's generic definitions (shadow entries, interrupt delivery) symbolically.</summary>
public sealed class TermBitArithmetic(int width) : IBitArithmetic<Term, Term>
{
    public int Width => width;

    public Term Word(ulong value) => Term.Bv(value, width);

    public Term And(Term a, Term b) => Term.BvAnd(a, b);

    public Term Or(Term a, Term b) => Term.BvOr(a, b);

    public Term Complement(Term a) => Term.BvNot(a);

    public Term Add(Term a, Term b) => Term.Add(a, b);

    public Term Subtract(Term a, Term b) => Term.Sub(a, b);

    public Term ShiftLeft(Term a, int amount) => Term.Shl(a, Word((ulong)amount));

    public Term ShiftRight(Term a, int amount) => Term.LShr(a, Word((ulong)amount));

    public Term Equal(Term a, Term b) => Term.Eq(a, b);

    public Term LessThan(Term a, Term b) => Term.ULt(a, b);

    public Term Not(Term a) => Term.Not(a);

    public Term All(Term a, Term b) => Term.And(a, b);

    public Term Any(Term a, Term b) => Term.Or(a, b);

    public Term Constant(bool value) => Term.Bool(value);

    public Term IfThenElse(Term condition, Term then, Term @else) => Term.Ite(condition, then, @else);
}
