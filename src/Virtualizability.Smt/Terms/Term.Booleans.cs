namespace Virtualizability.Smt.Terms;

public sealed partial class Term
{
    public static Term Not(Term a)
    {
        RequireBool(a);
        if (a.IsConst) return Bool(a.Value == 0);
        if (a.Kind == TermKind.Not) return a.Args[0];
        return Intern(TermKind.Not, Sort.Bool, a);
    }

    public static Term And(params Term[] args) => Connective(TermKind.And, args);
    public static Term Or(params Term[] args) => Connective(TermKind.Or, args);
    public static Term And(IEnumerable<Term> args) => Connective(TermKind.And, args.ToArray());
    public static Term Or(IEnumerable<Term> args) => Connective(TermKind.Or, args.ToArray());

    public static Term Implies(Term a, Term b) => Or(Not(a), b);

    // And/Or share one routine: the unit (true for And) is dropped, the absorbing element (false for And)
    // short-cuts, nested nodes of the same connective are flattened and duplicates removed.
    private static Term Connective(TermKind kind, Term[] args)
    {
        var unit = kind == TermKind.And ? True : False;
        var absorbing = kind == TermKind.And ? False : True;
        var kept = new List<Term>();
        var seen = new HashSet<Term>();
        void Add(Term t)
        {
            RequireBool(t);
            if (ReferenceEquals(t, unit)) return;
            if (t.Kind == kind) { foreach (var inner in t.Args) Add(inner); return; }
            if (seen.Add(t)) kept.Add(t);
        }
        foreach (var a in args) Add(a);
        if (kept.Contains(absorbing)) return absorbing;
        foreach (var t in kept)
            if (t.Kind == TermKind.Not && seen.Contains(t.Args[0])) return absorbing;   // x and not x
        return kept.Count switch
        {
            0 => unit,
            1 => kept[0],
            _ => Intern(kind, Sort.Bool, [.. kept]),
        };
    }

    public static Term Ite(Term condition, Term then, Term @else)
    {
        RequireBool(condition);
        if (then.Sort != @else.Sort) throw new ArgumentException($"ite arms differ: {then.Sort} vs {@else.Sort}");
        if (condition.IsTrue) return then;
        if (condition.IsFalse) return @else;
        if (ReferenceEquals(then, @else)) return then;
        if (condition.Kind == TermKind.Not) return Ite(condition.Args[0], @else, then);
        if (then.Sort.IsBool)
        {
            if (then.IsTrue && @else.IsFalse) return condition;
            if (then.IsFalse && @else.IsTrue) return Not(condition);
            if (then.IsTrue) return Or(condition, @else);
            if (@else.IsFalse) return And(condition, then);
        }
        // ite(c, ite(c, a, b), e) = ite(c, a, e): nested merges of the same branch condition collapse.
        if (then.Kind == TermKind.Ite && ReferenceEquals(then.Args[0], condition)) then = then.Args[1];
        if (@else.Kind == TermKind.Ite && ReferenceEquals(@else.Args[0], condition)) @else = @else.Args[2];
        if (ReferenceEquals(then, @else)) return then;
        // ite(c, shift(a, d), shift(b, d)) = shift(ite(c, a, b), d): the merged memory of a relocated run (paths that
        // stored differently, e.g. ARM's STM with its register list) stays one moved memory, so later stores and
        // selects push through the shift. Otherwise a store on the merge buries the shift where nothing can encode it.
        if (then.Kind == TermKind.ArrayShift && @else.Kind == TermKind.ArrayShift && ReferenceEquals(then.Args[1], @else.Args[1]))
            return ArrayShift(Ite(condition, then.Args[0], @else.Args[0]), then.Args[1]);
        // ite(c, t + k, t) = t + ite(c, k, 0) for a constant k: a pointer that a loop advances on some iterations
        // (ARM's STM/LDM walk their register list with `if list[i] == 1 { …; k := k + 4; }`) stays a sum of its start
        // and the steps taken, so the relocated run's addresses read as linear sums and the VM map's offset cancels
        // (Sub); as nested ites it cancels only a few levels deep.
        if (then.Kind == TermKind.BvAdd && ReferenceEquals(then.Args[0], @else) && then.Args[1].IsConst)
            return Add(@else, Ite(condition, then.Args[1], Bv(0, then.Width)));
        if (@else.Kind == TermKind.BvAdd && ReferenceEquals(@else.Args[0], then) && @else.Args[1].IsConst)
            return Add(then, Ite(condition, Bv(0, then.Width), @else.Args[1]));
        if (Lift(condition, then, @else) is { } lifted) return lifted;
        return Intern(TermKind.Ite, then.Sort, condition, then, @else);
    }

    public static Term Eq(Term a, Term b)
    {
        if (a.Sort != b.Sort) throw new ArgumentException($"= of different sorts: {a.Sort} vs {b.Sort}");
        if (ReferenceEquals(a, b)) return True;
        if (a.IsConst && b.IsConst) return Bool(a.Value == b.Value);
        if (a.Sort.IsBool)
        {
            if (a.IsConst) return a.IsTrue ? b : Not(b);
            if (b.IsConst) return b.IsTrue ? a : Not(a);
        }
        if (a.Kind == TermKind.ArrayShift && b.Kind == TermKind.ArrayShift && ReferenceEquals(a.Args[1], b.Args[1]))
            return Eq(a.Args[0], b.Args[0]);   // shifting is a bijection
        if (a.Kind == TermKind.ConstArray && b.Kind == TermKind.ConstArray) return Eq(a.Args[0], b.Args[0]);
        // Order the operands so that a = b and b = a intern to one node.
        if (a.Id > b.Id) (a, b) = (b, a);
        return Intern(TermKind.Eq, Sort.Bool, a, b);
    }

    public static Term Ne(Term a, Term b) => Not(Eq(a, b));

    private static void RequireBool(Term t)
    {
        if (!t.Sort.IsBool) throw new ArgumentException($"expected a Bool term, got {t.Sort}");
    }
}
