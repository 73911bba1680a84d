using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Virtualizability.Smt.Terms;

/// <summary>
/// An immutable, hash-consed SMT term. Construction goes through the static factory methods, which fold
/// constants and apply local simplifications, then intern the node: two structurally equal terms are the same
/// object, so equality is reference equality and shared subterms are shared in memory (the symbolic executor
/// builds large DAGs of ite chains).
/// </summary>
public sealed partial class Term : IEquatable<Term>
{
    // Children are interned before their parents, so structural equality of a new node only needs
    // reference comparisons of its children.
    private static readonly ConcurrentDictionary<Term, Term> Interned = new();
    private static long nextId;

    private readonly int hash;

    private Term(TermKind kind, Sort sort, ImmutableArray<Term> args, ulong value, string? name, int high, int low)
    {
        Kind = kind;
        Sort = sort;
        Args = args;
        Value = value;
        Name = name;
        High = high;
        Low = low;
        var h = new HashCode();
        h.Add(kind);
        h.Add(sort);
        h.Add(value);
        h.Add(name);
        h.Add(high);
        h.Add(low);
        foreach (var a in args) h.Add(a.Id);
        hash = h.ToHashCode();
        Shape = ShapeOf(kind, sort, args, value, name, high, low);
    }

    /// <summary>
    /// A hash of the term's structure that is the same in every process and whatever order terms were built in
    /// (unlike <see cref="Id"/>, which counts creations across threads). Operands of a commutative node are ordered
    /// by it, so a query is the same formula in every run: the solver's time on it then is, too.
    /// </summary>
    public ulong Shape { get; }

    private static ulong ShapeOf(TermKind kind, Sort sort, ImmutableArray<Term> args, ulong value, string? name, int high, int low)
    {
        const ulong prime = 0x100000001B3;
        var h = 0xCBF29CE484222325UL;
        void Mix(ulong v) => h = (h ^ v) * prime ^ (h >> 29);
        Mix((ulong)kind);
        Mix((ulong)sort.Kind << 32 | (uint)sort.Width);
        Mix((ulong)sort.IndexWidth);
        Mix(value);
        Mix((ulong)(uint)high << 32 | (uint)low);
        if (name is not null)
            foreach (var c in name) Mix(c);
        foreach (var a in args) Mix(a.Shape);
        return h;
    }

    public TermKind Kind { get; }
    public Sort Sort { get; }
    public ImmutableArray<Term> Args { get; }

    /// <summary>The value of a BvConst, or 1/0 for a BoolConst.</summary>
    public ulong Value { get; }

    /// <summary>The symbol of a Var.</summary>
    public string? Name { get; }

    /// <summary>Extract's high bit, or the number of bits added by an extension.</summary>
    public int High { get; }

    /// <summary>Extract's low bit.</summary>
    public int Low { get; }

    /// <summary>A process-unique number, stable for the life of the term (useful for naming shared subterms).</summary>
    public long Id { get; private set; }

    public bool IsConst => Kind is TermKind.BoolConst or TermKind.BvConst;
    public bool IsTrue => Kind == TermKind.BoolConst && Value == 1;
    public bool IsFalse => Kind == TermKind.BoolConst && Value == 0;

    private static Term Intern(TermKind kind, Sort sort, ImmutableArray<Term> args, ulong value = 0, string? name = null, int high = 0, int low = 0)
    {
        var candidate = new Term(kind, sort, args, value, name, high, low);
        if (Interned.TryGetValue(candidate, out var existing)) return existing;
        candidate.Id = Interlocked.Increment(ref nextId);
        return Interned.GetOrAdd(candidate, candidate);
    }

    private static Term Intern(TermKind kind, Sort sort, params Term[] args) => Intern(kind, sort, ImmutableArray.Create(args));

    public bool Equals(Term? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.hash != hash || other.Kind != Kind || other.Sort != Sort || other.Value != Value
            || other.Name != Name || other.High != High || other.Low != Low || other.Args.Length != Args.Length)
            return false;
        for (var i = 0; i < Args.Length; i++)
            if (!ReferenceEquals(Args[i], other.Args[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is Term t && Equals(t);

    public override int GetHashCode() => hash;

    /// <summary>SMT-LIB 2 text of the term, without sharing (for diagnostics; the writer shares subterms).</summary>
    public override string ToString() => SmtLibTermPrinter.Print(this, _ => null);
}
