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
