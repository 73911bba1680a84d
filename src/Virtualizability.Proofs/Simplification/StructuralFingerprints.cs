using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Simplification;

/// <summary>
/// A hash of a term's structure (kind, sort, value, name, extract bounds, operands), independent of the process-wide
/// ids the term factory hands out, so it orders terms the same way in every run. The operands of = are hashed as a
/// set (= is commutative and the factory orders them by id). Memoized per instance.
/// </summary>
public sealed class StructuralFingerprints
{
    private readonly Dictionary<Term, ulong> _known = new();

    public ulong Of(Term term)
    {
        if (_known.TryGetValue(term, out var known)) return known;
        foreach (var t in TermTraversal.PostOrder([term], t => t.Args.Where(a => !_known.ContainsKey(a)).ToList()))
            _known[t] = Compute(t);
        return _known[term];
    }

    /// <summary>A total order on terms that is the same in every run (fingerprint, then printed text on a collision).</summary>
    public int Compare(Term a, Term b)
    {
        if (ReferenceEquals(a, b)) return 0;
        var byHash = Of(a).CompareTo(Of(b));
        return byHash != 0 ? byHash : string.CompareOrdinal(a.ToString(), b.ToString());
    }

    private ulong Compute(Term t)
    {
        const ulong prime = 1099511628211;
        var h = 14695981039346656037;
        void Mix(ulong x) { h ^= x; h *= prime; }
        void MixText(string s) { foreach (var c in s) Mix(c); Mix(0xFF); }
        Mix((ulong)t.Kind);
        MixText(t.Sort.ToString());
        Mix(t.Value);
        MixText(t.Name ?? "");
        Mix((ulong)t.High);
        Mix((ulong)t.Low);
        var children = t.Args.Select(a => _known[a]);
        foreach (var c in t.Kind == TermKind.Eq ? children.Order() : children) Mix(c);
        return h;
    }
}
