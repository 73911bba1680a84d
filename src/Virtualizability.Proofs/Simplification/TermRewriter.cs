using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Simplification;

/// <summary>Replaces a read of a base array (a free array symbol) by an equivalent term, or returns null to keep it.</summary>
public delegate Term? BaseReadDefinition(Term array, Term index);

/// <summary>
/// Rewrites terms bottom-up into an equivalent form that is smaller and in which equal addresses are the same term:
/// <list type="bullet">
/// <item>sums of bit-vector terms are put in a normal form (<see cref="LinearSum"/>), and an equality of two sums is
/// decided when their difference is a constant, otherwise written with the atoms in a run-independent order;</item>
/// <item>a read of a store is the stored value, the older contents, or ite(index = stored-at, value, older read), the
/// equality decided as above where it can be (read over write);</item>
/// <item>equal-width concatenations are compared part by part;</item>
/// <item>optionally, given atoms are replaced by constants (a case of a case split: the result is equivalent to the
/// input only where the atoms have those values), and reads of base arrays by their definitions
/// (<see cref="BaseReadDefinition"/>: equivalent under the definitions);</item>
/// <item>optionally, given two-literal clauses that hold (<see cref="ImpliedLiterals"/>: instances of proved lemmas),
/// ite(c, t, e) is e when e and t agree under what c implies (or t when they agree under ¬c), and a conjunct is its
/// value when the other conjuncts decide it: equivalent wherever the clauses hold;</item>
/// <item>optionally, free variables are replaced by terms (a substitution: the result is an instance of the input,
/// valid when the input is; how a lemma's instances are made).</item>
/// </list>
/// Every rule is an identity of the SMT-LIB bit-vector and array theories; the tests compare rewritten terms with the
/// originals by evaluation. One instance memoizes its results: use one per assumption set.
/// </summary>
public sealed class TermRewriter
{
    private readonly IReadOnlyDictionary<Term, Term> _assumed;
    private readonly BaseReadDefinition? _baseRead;
    private readonly IReadOnlyDictionary<Term, Term> _substitution;
    private readonly ImpliedLiterals? _implied;
    private readonly Dictionary<string, TermRewriter?> _contexts = new();
    private readonly int _contextDepth;

    // Contexts nest (an arm's ite gets its own); beyond this depth arms are left as they are, so that the number of
    // rewriters stays small.
    private const int MaxContextDepth = 3;
    private readonly StructuralFingerprints _order;
    private readonly Dictionary<Term, Term> _memo = new();
    private readonly Dictionary<Term, LinearSum> _sums = new();
    private readonly Dictionary<(Term Array, Term Index), Term> _reads = new();

    public TermRewriter(IReadOnlyDictionary<Term, Term>? assumed = null, BaseReadDefinition? baseRead = null, StructuralFingerprints? order = null,
        IReadOnlyDictionary<Term, Term>? substitution = null, ImpliedLiterals? implied = null)
        : this(assumed, baseRead, order, substitution, implied, 0)
    {
    }

    private TermRewriter(IReadOnlyDictionary<Term, Term>? assumed, BaseReadDefinition? baseRead, StructuralFingerprints? order,
        IReadOnlyDictionary<Term, Term>? substitution, ImpliedLiterals? implied, int contextDepth)
    {
        _contextDepth = contextDepth;
        _implied = implied is { IsEmpty: false } ? implied : null;
        _substitution = substitution ?? new Dictionary<Term, Term>();
        foreach (var (variable, value) in _substitution)
            if (variable.Kind != TermKind.Var || variable.Sort != value.Sort) throw new ArgumentException($"substitution {variable} := {value} is not of a variable by a term of its sort");
        if (_substitution.Count > 0 && TermTraversal.FreeVariables(_substitution.Values).Any(_substitution.ContainsKey))
            throw new ArgumentException("a substitution's terms must not contain the variables it replaces (it is applied once)");
        _assumed = assumed ?? new Dictionary<Term, Term>();
        foreach (var (atom, value) in _assumed)
            if (!value.IsConst || atom.Sort != value.Sort) throw new ArgumentException($"assumption {atom} := {value} is not a constant of its sort");
        _baseRead = baseRead;
        _order = order ?? new StructuralFingerprints();
    }

    public Term Rewrite(Term term)
    {
        if (_memo.TryGetValue(term, out var known)) return known;
        foreach (var t in TermTraversal.PostOrder([term], t => t.Args.Where(a => !_memo.ContainsKey(a)).ToList()))
        {
            if (_memo.ContainsKey(t)) continue;
            // The replacement is rewritten as any term (the constructor checked it has none of the substituted variables).
            if (_substitution.TryGetValue(t, out var replacement)) { _memo[t] = Rewrite(replacement); continue; }
            if (_assumed.TryGetValue(t, out var value)) { _memo[t] = value; continue; }
            var rebuilt = Rebuild(t, [.. t.Args.Select(a => _memo[a])]);
            _memo[t] = _assumed.TryGetValue(rebuilt, out var assumedValue) ? assumedValue : rebuilt;
        }
        return _memo[term];
    }

    private Term Rebuild(Term t, Term[] a) => t.Kind switch
    {
        TermKind.BoolConst or TermKind.BvConst or TermKind.Var => t,
        TermKind.Not => Term.Not(a[0]),
        TermKind.And => Connective(a, isAnd: true),
        TermKind.Or => Connective(a, isAnd: false),
        TermKind.Ite => InContext(a[0], a[1], a[2]),
        TermKind.Eq => Equal(a[0], a[1]),
        TermKind.BvNot => Term.BvNot(a[0]),
        TermKind.BvNeg => Sum(Term.Neg(a[0])),
        TermKind.BvAdd => Sum(Term.Add(a[0], a[1])),
        TermKind.BvSub => Sum(Term.Sub(a[0], a[1])),
        TermKind.BvMul => a[0].IsConst || a[1].IsConst ? Sum(Term.Mul(a[0], a[1])) : Term.Mul(a[0], a[1]),
        TermKind.BvAnd => Term.BvAnd(a[0], a[1]),
        TermKind.BvOr => Term.BvOr(a[0], a[1]),
        TermKind.BvXor => Term.BvXor(a[0], a[1]),
        TermKind.BvUDiv => Term.UDiv(a[0], a[1]),
        TermKind.BvURem => Term.URem(a[0], a[1]),
        TermKind.BvSDiv => Term.SDiv(a[0], a[1]),
        TermKind.BvSRem => Term.SRem(a[0], a[1]),
        TermKind.BvShl => Term.Shl(a[0], a[1]),
        TermKind.BvLShr => Term.LShr(a[0], a[1]),
        TermKind.BvAShr => Term.AShr(a[0], a[1]),
        TermKind.BvULt => Term.ULt(a[0], a[1]),
        TermKind.BvULe => Term.ULe(a[0], a[1]),
        TermKind.BvSLt => Term.SLt(a[0], a[1]),
        TermKind.BvSLe => Term.SLe(a[0], a[1]),
        TermKind.Extract => Term.Extract(a[0], t.High, t.Low),
        TermKind.Concat => Term.Concat(a[0], a[1]),
        TermKind.ZeroExtend => Term.ZeroExtend(a[0], t.Width),
        TermKind.SignExtend => Term.SignExtend(a[0], t.Width),
        TermKind.Select => Read(a[0], a[1]),
        TermKind.Store => Term.Store(a[0], a[1], a[2]),
        TermKind.ConstArray => Term.ConstArray(t.Sort.IndexWidth, a[0]),
        TermKind.ArrayShift => Term.ArrayShift(a[0], a[1]),
        _ => throw new InvalidOperationException($"no rewrite for {t.Kind}"),
    };

    private LinearSum SumOf(Term t) => LinearSum.Of(t, _order, _sums);

    private Term Sum(Term t) => t.Sort.IsBitVec ? SumOf(t).ToTerm() : t;

    /// <summary>a = b for rewritten a and b.</summary>
    public Term Equal(Term a, Term b)
    {
        if (!a.Sort.IsBitVec || ReferenceEquals(a, b) || (a.IsConst && b.IsConst)) return Term.Eq(a, b);
        if (a.Kind == TermKind.Concat && b.Kind == TermKind.Concat && a.Args[1].Width == b.Args[1].Width)
            return Term.And(Equal(a.Args[0], b.Args[0]), Equal(a.Args[1], b.Args[1]));
        if (a.Kind == TermKind.Concat && b.IsConst) return SplitConstant(a, b);
        if (b.Kind == TermKind.Concat && a.IsConst) return SplitConstant(b, a);
        var (sa, sb) = (SumOf(a), SumOf(b));
        // Two atoms, or an atom and a constant: nothing to normalize (a sum form would only add an adder).
        if (IsAtomic(sa) && IsAtomic(sb)) return Term.Eq(a, b);
        return sa.Plus(sb.Negated).EqualsZero();
    }

    private static bool IsAtomic(LinearSum s) => s.IsConstant || (s.Constant == 0 && s.Coefficients.Count == 1 && s.Coefficients.Values.Single() == 1);

    /// <summary>
    /// ite(c, t, e) for rewritten operands: e when e and t agree under c and what c implies
    /// (<see cref="ImpliedLiterals"/>), t when they agree under ¬c, the other arm when the clauses rule a value of c out.
    /// The arms themselves are kept as they are: rewritten under a context they would be new terms, where the solver
    /// would have to relate them to the same terms outside the context (the VM's decoded fields, say).
    /// </summary>
    private Term InContext(Term condition, Term then, Term @else)
    {
        if (_implied is null || _contextDepth >= MaxContextDepth || condition.IsConst) return Choice(condition, then, @else);
        // A comparison with a merged operand (a trap address: ite(fetch trapped, P, data address)) is distributed over
        // it when the comparisons of the arms have consequences: ite(x ≤ ite(c, a, b), t, e) = ite(c, ite(x ≤ a, t, e), ite(x ≤ b, t, e)).
        if (Distributed(condition) is var (c, onThen, onElse) && (_implied.Constrains(onThen) || _implied.Constrains(onElse)))
            return InContext(c, InContext(onThen, then, @else), InContext(onElse, then, @else));
        if (!_implied.Constrains(condition)) return Choice(condition, then, @else);
        // Only a literal condition: with a conjunction or disjunction of them (the real step's completion, its trap) the
        // equivalence obligations came out smaller but z3 took 5-20 times longer on SW, SB and LW (measured).
        if (Context([(condition, true)]) is not { } underTrue) return @else;
        if (Context([(condition, false)]) is not { } underFalse) return then;
        if (ReferenceEquals(underTrue.Rewrite(@else), underTrue.Rewrite(then))) return @else;
        if (ReferenceEquals(underFalse.Rewrite(then), underFalse.Rewrite(@else))) return then;
        return Choice(condition, then, @else);
    }

    private static (Term Condition, Term OnThen, Term OnElse)? Distributed(Term comparison)
    {
        if (comparison.Kind is not (TermKind.BvULe or TermKind.BvULt)) return null;
        var (x, y) = (comparison.Args[0], comparison.Args[1]);
        Term Compare(Term a, Term b) => comparison.Kind == TermKind.BvULe ? Term.ULe(a, b) : Term.ULt(a, b);
        if (y.Kind == TermKind.Ite && x.Kind != TermKind.Ite) return (y.Args[0], Compare(x, y.Args[1]), Compare(x, y.Args[2]));
        if (x.Kind == TermKind.Ite && y.Kind != TermKind.Ite) return (x.Args[0], Compare(x.Args[1], y), Compare(x.Args[2], y));
        return null;
    }

    /// <summary>
    /// ∧ of rewritten operands, an operand replaced by its value when the constrained literals among the others decide
    /// it (l ∧ f = l ∧ f|l): a completed step's results compared under its guard's conjuncts. (∨ is left alone: its
    /// disjuncts under the negated literals made the equivalence obligations harder in a measurement.)
    /// </summary>
    private Term Connective(Term[] args, bool isAnd)
    {
        Term Build(IEnumerable<Term> operands) => isAnd ? Term.And(operands) : Term.Or(operands);
        if (_implied is null || _contextDepth >= MaxContextDepth || !isAnd) return Build(args);
        var literals = args.Where(a => a.Kind is not (TermKind.And or TermKind.Or or TermKind.Ite) && _implied.Constrains(a)).ToHashSet();
        if (literals.Count == 0 || literals.Count == args.Length) return Build(args);
        var context = Context([.. args.Where(literals.Contains).Select(l => (l, isAnd))]);
        if (context is null) return Term.Bool(!isAnd);
        // Only an operand that the context decides is replaced (by its value); the others stay as they are (see InContext).
        return Build(args.Select(a => literals.Contains(a) || context.Rewrite(a) is not { IsConst: true } value ? a : value));
    }

    // A rewriter for already rewritten terms (no base-read definitions: they are applied) under the conditions' values
    // and their consequences, or null when the clauses rule the values out.
    private TermRewriter? Context(IReadOnlyList<(Term Condition, bool Value)> assumptions)
    {
        var key = string.Join(",", assumptions.Select(a => $"{a.Condition.Id}:{a.Value}"));
        if (_contexts.TryGetValue(key, out var known)) return known;
        var implied = _implied!.Consequences(assumptions);
        TermRewriter? context = null;
        if (implied is not null)
        {
            foreach (var (atom, v) in _assumed) implied.TryAdd(atom, v);
            context = new TermRewriter(implied, null, _order, null, _implied, _contextDepth + 1);
        }
        _contexts[key] = context;
        return context;
    }

    /// <summary>ite for rewritten operands, with the Boolean cases the term factory leaves (ite(c, false, e) = ¬c ∧ e, ite(c, t, true) = ¬c ∨ t).</summary>
    private static Term Choice(Term condition, Term then, Term @else)
    {
        if (then.Sort.IsBool && !condition.IsConst)
        {
            if (then.IsFalse) return Term.And(Term.Not(condition), @else);
            if (@else.IsTrue) return Term.Or(Term.Not(condition), then);
            if (ReferenceEquals(then, condition)) return Term.Or(condition, @else);
            if (ReferenceEquals(@else, condition)) return Term.And(condition, then);
        }
        return Term.Ite(condition, then, @else);
    }

    private Term SplitConstant(Term concat, Term constant)
    {
        var low = concat.Args[1].Width;
        return Term.And(
            Equal(concat.Args[0], Term.Extract(constant, constant.Width - 1, low)),
            Equal(concat.Args[1], Term.Extract(constant, low - 1, 0)));
    }

    /// <summary>array[index] for a rewritten array and index: reads through stores, merges and moves down to base arrays.</summary>
    private Term Read(Term array, Term index)
    {
        if (_reads.TryGetValue((array, index), out var known)) return known;
        var result = array.Kind switch
        {
            TermKind.Store => Equal(index, array.Args[1]) switch
            {
                { IsTrue: true } => array.Args[2],
                { IsFalse: true } => Read(array.Args[0], index),
                var same => Term.Ite(same, array.Args[2], Read(array.Args[0], index)),
            },
            TermKind.Ite => Term.Ite(array.Args[0], Read(array.Args[1], index), Read(array.Args[2], index)),
            TermKind.ConstArray => array.Args[0],
            TermKind.ArrayShift => Read(array.Args[0], Sum(Term.Sub(index, array.Args[1]))),
            TermKind.Var => _baseRead?.Invoke(array, index) ?? Term.Select(array, index),
            _ => throw new InvalidOperationException($"unexpected array term {array.Kind} under a select"),
        };
        _reads[(array, index)] = result;
        return result;
    }
}
