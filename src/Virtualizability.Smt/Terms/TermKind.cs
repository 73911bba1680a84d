namespace Virtualizability.Smt.Terms;

/// <summary>The operators of the term language; each maps to one SMT-LIB function (ArrayShift excepted).</summary>
public enum TermKind
{
    // leaves
    BoolConst, BvConst, Var,
    // bool
    Not, And, Or, Ite, Eq,
    // bit-vector arithmetic and logic, operands of equal width
    BvNot, BvNeg, BvAdd, BvSub, BvMul, BvAnd, BvOr, BvXor,
    BvUDiv, BvURem, BvSDiv, BvSRem,
    BvShl, BvLShr, BvAShr,
    // bit-vector predicates
    BvULt, BvULe, BvSLt, BvSLe,
    // width changes: Extract(High, Low); ZeroExtend/SignExtend by High bits
    Extract, Concat, ZeroExtend, SignExtend,
    // arrays
    Select, Store, ConstArray,
    /// <summary>
    /// ArrayShift(a, d): the array b with b[i + d] = a[i]. It is how a VM map moves storage; selects and stores
    /// are pushed through it at construction, so it only survives at the top of array terms.
    /// </summary>
    ArrayShift,
}
