namespace Virtualizability.Smt.Terms;

public sealed partial class Term
{
    /// <summary>
    /// A bit-vector term read as Σ cᵢ·tᵢ + k modulo 2^width, its atoms tᵢ in order of first appearance. Sums,
    /// differences, negations, multiplications and left shifts by constants are read through; so is
    /// zext(u) &lt;&lt; c when u has at least width − c bits (the bits of u that a carry could reach are shifted out,
    /// so zext(u) &lt;&lt; c is Σ cᵢ·(zext(uᵢ) &lt;&lt; c) for u = Σ cᵢ·uᵢ): how a relocation register scaled to an
    /// address, zext(RL + x) &lt;&lt; 10, splits into the register's part and the offset's.
    /// </summary>
    private sealed class LinearForm(int width)
    {
        private readonly ulong mask = width >= 64 ? ulong.MaxValue : (1UL << width) - 1;
        public readonly List<Term> Order = new();
        public readonly Dictionary<Term, ulong> Coefficients = new();
        public ulong Constant;

        public void Add(Term t, ulong coefficient, int depth = 0)
        {
            coefficient &= mask;
            if (coefficient == 0) return;
            switch (t.Kind)
            {
                case TermKind.BvConst:
                    Constant = (Constant + coefficient * t.Value) & mask;
                    return;
                case TermKind.BvAdd when depth < MaxDepth:
                    Add(t.Args[0], coefficient, depth + 1);
                    Add(t.Args[1], coefficient, depth + 1);
                    return;
                case TermKind.BvSub when depth < MaxDepth:
                    Add(t.Args[0], coefficient, depth + 1);
                    Add(t.Args[1], ~coefficient + 1, depth + 1);
                    return;
                case TermKind.BvNeg when depth < MaxDepth:
                    Add(t.Args[0], ~coefficient + 1, depth + 1);
                    return;
                case TermKind.BvMul when depth < MaxDepth && t.Args[1].IsConst:
                    Add(t.Args[0], coefficient * t.Args[1].Value, depth + 1);
                    return;
                case TermKind.BvMul when depth < MaxDepth && t.Args[0].IsConst:
                    Add(t.Args[1], coefficient * t.Args[0].Value, depth + 1);
                    return;
                case TermKind.BvShl when depth < MaxDepth && t.Args[1].IsConst && t.Args[1].Value < (ulong)width:
                {
                    var shift = (int)t.Args[1].Value;
                    var inner = t.Args[0];
                    if (inner.Kind == TermKind.ZeroExtend && inner.Args[0].Width + shift >= width)
                    {
                        var narrow = new LinearForm(inner.Args[0].Width);
                        narrow.Add(inner.Args[0], 1, depth + 1);
                        foreach (var atom in narrow.Order)
                            AddAtom(ZeroExtend(atom, width), coefficient * (narrow.Coefficients[atom] << shift));
                        Constant = (Constant + coefficient * (narrow.Constant << shift)) & mask;
                        return;
                    }
                    Add(inner, coefficient << shift, depth + 1);
                    return;
                }
            }
            AddAtom(t, coefficient);
        }

        public void AddAtom(Term t, ulong coefficient)
        {
            coefficient &= mask;
            if (coefficient == 0) return;
            if (Coefficients.TryGetValue(t, out var c)) Coefficients[t] = (c + coefficient) & mask;
            else
            {
                Coefficients[t] = coefficient;
                Order.Add(t);
            }
        }

        public int Atoms => Coefficients.Count(p => p.Value != 0);

        public void SubtractConstant(ulong k) => Constant = (Constant - k) & mask;

        /// <summary>The sum as a term: atoms in order of first appearance, left to right, then the constant.</summary>
        public Term ToTerm()
        {
            Term? sum = null;
            foreach (var atom in Order)
            {
                var c = Coefficients[atom];
                if (c == 0) continue;
                var part = c == 1 ? atom
                    : c == mask ? Neg(atom)
                    : ulong.IsPow2(c) ? Shl(atom, Bv((ulong)ulong.TrailingZeroCount(c), width))
                    : Mul(atom, Bv(c, width));
                sum = sum is null ? part : Term.Add(sum, part);
            }
            var k = Bv(Constant, width);
            return sum is null ? k : Term.Add(sum, k);
        }
    }

    private const int MaxDepth = 64;
    private const int MaxIteDepth = 4;

    /// <summary>
    /// a − b when an atom of b cancels one of a (b's atoms read as in <see cref="LinearForm"/>): the sum without it;
    /// with a an ite, each arm on its own. Null when nothing cancels. A moved memory's select computes
    /// (address + d) − d for the mapped run's address: this gives the unmapped run's address term back, so the two
    /// runs' selects and stores are one term and the comparison of their memories disappears.
    /// </summary>
    private static Term? Cancel(Term a, Term b, int depth = 0)
    {
        if (b.IsConst) return null;
        if (a.Kind == TermKind.Ite)
        {
            if (depth >= MaxIteDepth) return null;
            var then = Cancel(a.Args[1], b, depth + 1);
            var @else = Cancel(a.Args[2], b, depth + 1);
            if (then is null && @else is null) return null;
            return Ite(a.Args[0], then ?? PlainSub(a.Args[1], b), @else ?? PlainSub(a.Args[2], b));
        }
        if (a.Kind is not (TermKind.BvAdd or TermKind.BvSub or TermKind.BvShl)) return null;
        var minuend = new LinearForm(a.Width);
        minuend.Add(a, 1);
        var subtrahend = new LinearForm(a.Width);
        subtrahend.Add(b, 1);
        if (!subtrahend.Order.Any(minuend.Coefficients.ContainsKey)) return null;
        var before = minuend.Atoms + subtrahend.Atoms;
        foreach (var atom in subtrahend.Order) minuend.AddAtom(atom, ~subtrahend.Coefficients[atom] + 1);
        minuend.SubtractConstant(subtrahend.Constant);
        return minuend.Atoms < before ? minuend.ToTerm() : null;
    }
}
