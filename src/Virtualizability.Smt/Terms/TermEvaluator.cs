using M = Virtualizability.Smt.Terms.BitVectorMath;

namespace Virtualizability.Smt.Terms;

/// <summary>
/// Evaluates terms to concrete values under an assignment of the free symbols. Unassigned symbols take the
/// zero value of their sort, as a solver's model completion would. Used to check models and replay witnesses.
/// </summary>
public sealed class TermEvaluator(Func<Term, ModelValue?> assignment)
{
    private readonly Dictionary<Term, ModelValue> cache = new();

    public static ModelValue Evaluate(Term term, IReadOnlyDictionary<string, ModelValue> symbols) =>
        new TermEvaluator(v => symbols.TryGetValue(v.Name!, out var value) ? value : null).Evaluate(term);

    public static ModelValue Zero(Sort sort) => sort.Kind switch
    {
        SortKind.Bool => new BoolValue(false),
        SortKind.BitVec => new BitVecValue(0, sort.Width),
        _ => ArrayValue.Constant(sort.IndexWidth, sort.Width, 0),
    };

    public ModelValue Evaluate(Term t)
    {
        if (cache.TryGetValue(t, out var known)) return known;
        var value = Compute(t);
        if (value.Sort != t.Sort) throw new InvalidOperationException($"value {value} of sort {value.Sort} assigned to {t.Sort} term {t.Name}");
        cache[t] = value;
        return value;
    }

    public bool EvaluateBool(Term t) => ((BoolValue)Evaluate(t)).Value;

    public ulong EvaluateBits(Term t) => ((BitVecValue)Evaluate(t)).Value;

    private ArrayValue Array(Term t) => (ArrayValue)Evaluate(t);

    private ModelValue Compute(Term t)
    {
        var w = t.Width;
        BitVecValue Bits(ulong v) => new(M.Truncate(v, w), w);
        ulong A(int i) => EvaluateBits(t.Args[i]);
        int ArgWidth(int i) => t.Args[i].Width;
        switch (t.Kind)
        {
            case TermKind.BoolConst: return new BoolValue(t.IsTrue);
            case TermKind.BvConst: return new BitVecValue(t.Value, w);
            case TermKind.Var: return assignment(t) ?? Zero(t.Sort);
            case TermKind.Not: return new BoolValue(!EvaluateBool(t.Args[0]));
            case TermKind.And: return new BoolValue(t.Args.All(EvaluateBool));
            case TermKind.Or: return new BoolValue(t.Args.Any(EvaluateBool));
            case TermKind.Ite: return EvaluateBool(t.Args[0]) ? Evaluate(t.Args[1]) : Evaluate(t.Args[2]);
            case TermKind.Eq: return new BoolValue(Evaluate(t.Args[0]).Equals(Evaluate(t.Args[1])));
            case TermKind.BvNot: return Bits(~A(0));
            case TermKind.BvNeg: return Bits(M.Negate(A(0), w));
            case TermKind.BvAdd: return Bits(A(0) + A(1));
            case TermKind.BvSub: return Bits(A(0) - A(1));
            case TermKind.BvMul: return Bits(A(0) * A(1));
            case TermKind.BvAnd: return Bits(A(0) & A(1));
            case TermKind.BvOr: return Bits(A(0) | A(1));
            case TermKind.BvXor: return Bits(A(0) ^ A(1));
            case TermKind.BvUDiv: return Bits(M.UDiv(A(0), A(1), w));
            case TermKind.BvURem: return Bits(M.URem(A(0), A(1)));
            case TermKind.BvSDiv: return Bits(M.SDiv(A(0), A(1), w));
            case TermKind.BvSRem: return Bits(M.SRem(A(0), A(1), w));
            case TermKind.BvShl: return Bits(M.Shl(A(0), A(1), w));
            case TermKind.BvLShr: return Bits(M.LShr(A(0), A(1), w));
            case TermKind.BvAShr: return Bits(M.AShr(A(0), A(1), w));
            case TermKind.BvULt: return new BoolValue(A(0) < A(1));
            case TermKind.BvULe: return new BoolValue(A(0) <= A(1));
            case TermKind.BvSLt: return new BoolValue(M.ToSigned(A(0), ArgWidth(0)) < M.ToSigned(A(1), ArgWidth(1)));
            case TermKind.BvSLe: return new BoolValue(M.ToSigned(A(0), ArgWidth(0)) <= M.ToSigned(A(1), ArgWidth(1)));
            case TermKind.Extract: return new BitVecValue(M.Extract(A(0), t.High, t.Low), w);
            case TermKind.Concat: return new BitVecValue((A(0) << ArgWidth(1)) | A(1), w);
            case TermKind.ZeroExtend: return new BitVecValue(A(0), w);
            case TermKind.SignExtend: return new BitVecValue(M.SignExtend(A(0), ArgWidth(0), w), w);
            case TermKind.Select: return new BitVecValue(Array(t.Args[0]).Read(A(1)), w);
            case TermKind.Store: return Array(t.Args[0]).Write(A(1), A(2));
            case TermKind.ConstArray: return ArrayValue.Constant(t.Sort.IndexWidth, w, A(0));
            case TermKind.ArrayShift: return Array(t.Args[0]).Shift(A(1));
            default: throw new InvalidOperationException($"cannot evaluate {t.Kind}");
        }
    }
}
