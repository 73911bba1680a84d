using Virtualizability.Smt.Terms;
using Virtualizability.Vmm.Arithmetic;

namespace Virtualizability.Proofs.Allocation;

/// <summary>w-bit words as SMT terms: runs an allocator's generic composition symbolically.</summary>
public sealed class TermWordArithmetic(int width) : IWordArithmetic<Term, Term>
{
    public int Width => width;

    public Term Word(ulong value) => Term.Bv(value, width);

    public Term WideWord(ulong value) => Term.Bv(value, width + 1);

    public Term Widen(Term word) => Term.ZeroExtend(word, width + 1);

    public Term Narrow(Term wide) => Term.Extract(wide, width - 1, 0);

    public Term Add(Term a, Term b) => Term.Add(a, b);

    public Term SubtractWide(Term a, Term b) => Term.Sub(a, b);

    public Term LessOrEqual(Term a, Term b) => Term.ULe(a, b);

    public Term IfThenElse(Term condition, Term then, Term @else) => Term.Ite(condition, then, @else);
}
