using System.Collections.Immutable;
using Virtualizability.Smt.Terms;
using M = Virtualizability.Smt.Terms.BitVectorMath;

namespace Virtualizability.Proofs.Simplification;

/// <summary>
/// A bit-vector term as c + Σ kᵢ·xᵢ (mod 2^w): the atoms xᵢ are the operands that are not +, −, negation or a
/// product with a constant. Two sums of the same atoms are the same term once composed (atoms in a run-independent
/// order), and their difference decides equalities such as (base + l + a) − base = l + a without a solver.
/// </summary>
internal sealed class LinearSum
{
    private LinearSum(int width, ulong constant, ImmutableSortedDictionary<Term, ulong> coefficients)
    {
        Width = width;
        Constant = constant;
        Coefficients = coefficients;
    }

    public int Width { get; }
    public ulong Constant { get; }

    /// <summary>Nonzero coefficients, keyed by atom in the fingerprint order.</summary>
    public ImmutableSortedDictionary<Term, ulong> Coefficients { get; }

    public bool IsConstant => Coefficients.IsEmpty;

    private ulong Mask => M.Mask(Width);

    public static LinearSum Of(Term t, StructuralFingerprints order, Dictionary<Term, LinearSum> memo)
    {
        if (memo.TryGetValue(t, out var known)) return known;
        var empty = ImmutableSortedDictionary.Create<Term, ulong>(Comparer<Term>.Create(order.Compare));
        LinearSum result;
        switch (t.Kind)
        {
            case TermKind.BvConst:
                result = new LinearSum(t.Width, t.Value, empty);
                break;
            case TermKind.BvAdd:
                result = Of(t.Args[0], order, memo).Plus(Of(t.Args[1], order, memo));
                break;
            case TermKind.BvSub:
                result = Of(t.Args[0], order, memo).Plus(Of(t.Args[1], order, memo).Times(M.Mask(t.Width)));
                break;
            case TermKind.BvNeg:
                result = Of(t.Args[0], order, memo).Times(M.Mask(t.Width));
                break;
            case TermKind.BvMul when t.Args[0].IsConst:
                result = Of(t.Args[1], order, memo).Times(t.Args[0].Value);
                break;
            case TermKind.BvMul when t.Args[1].IsConst:
                result = Of(t.Args[0], order, memo).Times(t.Args[1].Value);
                break;
            default:
                result = new LinearSum(t.Width, 0, empty.Add(t, 1));
                break;
        }
        memo[t] = result;
        return result;
    }

    public LinearSum Plus(LinearSum other)
    {
        var builder = Coefficients.ToBuilder();
        foreach (var (atom, k) in other.Coefficients)
        {
            var sum = (builder.GetValueOrDefault(atom) + k) & Mask;
            if (sum == 0) builder.Remove(atom); else builder[atom] = sum;
        }
        return new LinearSum(Width, (Constant + other.Constant) & Mask, builder.ToImmutable());
    }

    public LinearSum Times(ulong factor)
    {
        factor &= Mask;
        var builder = Coefficients.Clear().ToBuilder();
        foreach (var (atom, k) in Coefficients)
        {
            var product = (k * factor) & Mask;
            if (product != 0) builder[atom] = product;
        }
        return new LinearSum(Width, (Constant * factor) & Mask, builder.ToImmutable());
    }

    public LinearSum Negated => Times(Mask);

    /// <summary>A coefficient counts as negative when −k is smaller than k (k = 2^(w−1) is its own negation: positive).</summary>
    private bool IsNegative(ulong k) => ((0 - k) & Mask) < k;

    /// <summary>
    /// The sum as a term: positive atoms added in order, negative ones subtracted, the constant last
    /// (x − y + 3 rather than x + 0xfffd·y + 3).
    /// </summary>
    public Term ToTerm()
    {
        Term? acc = null;
        foreach (var (atom, k) in Coefficients.Where(e => !IsNegative(e.Value)))
        {
            var piece = k == 1 ? atom : Term.Mul(Term.Bv(k, Width), atom);
            acc = acc is null ? piece : Term.Add(acc, piece);
        }
        foreach (var (atom, k) in Coefficients.Where(e => IsNegative(e.Value)))
        {
            var magnitude = (0 - k) & Mask;
            var piece = magnitude == 1 ? atom : Term.Mul(Term.Bv(magnitude, Width), atom);
            acc = acc is null ? Term.Neg(piece) : Term.Sub(acc, piece);
        }
        if (acc is null) return Term.Bv(Constant, Width);
        return Constant == 0 ? acc : Term.Add(acc, Term.Bv(Constant, Width));
    }

    /// <summary>
    /// The equation this sum = 0 as left = right with only positive coefficients on each side, for whichever of the sum
    /// and its negation has fewer negative coefficients (ties broken by the coefficients, then the constant), so that
    /// a = b and b = a, or a − b = 0 and b − a = 0, give the same term.
    /// </summary>
    public Term EqualsZero()
    {
        if (IsConstant) return Term.Bool(Constant == 0);
        var chosen = CompareForm(this, Negated) <= 0 ? this : Negated;
        var left = new LinearSum(Width, 0, chosen.Coefficients.RemoveRange(chosen.Coefficients.Where(e => chosen.IsNegative(e.Value)).Select(e => e.Key)));
        var right = new LinearSum(Width, chosen.Constant, chosen.Coefficients.RemoveRange(left.Coefficients.Keys)).Negated;
        return Term.Eq(left.ToTerm(), right.ToTerm());
    }

    // Fewer negative coefficients first, then the coefficients in atom order, then the constant. A sum and its negation
    // have the same atoms, so the coefficient lists line up.
    private static int CompareForm(LinearSum a, LinearSum b)
    {
        var byNegatives = a.Coefficients.Values.Count(a.IsNegative).CompareTo(b.Coefficients.Values.Count(b.IsNegative));
        if (byNegatives != 0) return byNegatives;
        foreach (var (x, y) in a.Coefficients.Values.Zip(b.Coefficients.Values))
            if (x != y) return x.CompareTo(y);
        return a.Constant.CompareTo(b.Constant);
    }
}
