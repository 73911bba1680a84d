using System.Collections.Concurrent;
using System.Globalization;
using Virtualizability.Proofs.Simplification;
using Virtualizability.Smt.Terms;
using Virtualizability.Vmm.Mips;

namespace Virtualizability.Proofs.Allocation.Mips;

/// <summary>
/// What the real TLB's shadow entries depend on in a virtual state: the guest's TLB, its current ASID (a word, ASID in
/// bits 7..0) and whether it is in ERL. Two states with the same key have the same real TLB under one shadow choice.
/// </summary>
internal sealed record TlbKey(IReadOnlyList<TlbEntryWords<Term>> Tlb, Term Asid, Term Erl)
{
    public IEnumerable<Term> Terms => Tlb.SelectMany(e => new[] { e.Hi, e.Mask, e.Lo0, e.Lo1 }).Append(Asid).Append(Erl);

    /// <summary>The key is the same in both states.</summary>
    public Term SameAs(TlbKey other) => Term.And(Terms.Zip(other.Terms, Term.Eq));
}

/// <summary>
/// The real TLB of an obligation as abstraction variables: for each distinct key (each virtual state whose real
/// resources the obligation loads) and entry i, four words <c>realI.{hi,mask,lo0,lo1}.KEY</c> that stand for
/// <see cref="MipsShadowProofModel"/>'s shadow of the key under choice i (docs/vmm-proofs.md: the solver then sees the
/// real TLB only through the shadow lemmas, not through 16 shadow definitions). KEY is a run-independent fingerprint of
/// the key's terms, so one key gets the same variables in every obligation and every run; the registry maps it back.
/// </summary>
internal sealed class RealTlbAbstraction
{
    private const string Prefix = "real";
    private readonly ConcurrentDictionary<string, TlbKey> _keys = new();

    public TlbEntryWords<Term> Entry(TlbKey key, int i)
    {
        var name = Name(key);
        var known = _keys.GetOrAdd(name, key);
        // Two keys with one name would share variables, as if their shadows were equal: refuse rather than prove that.
        if (!known.Terms.SequenceEqual(key.Terms)) throw new InvalidOperationException($"two TLB keys share the fingerprint {name}");
        return Words(name, i);
    }

    /// <summary>The keys whose abstraction variables occur among <paramref name="terms"/>, in a run-independent order.</summary>
    public IReadOnlyList<(string Name, TlbKey Key)> KeysIn(IReadOnlySet<Term> terms) =>
    [
        .. terms.Where(t => t.Kind == TermKind.Var && t.Name is { } n && n.StartsWith(Prefix + "0.hi.", StringComparison.Ordinal))
            .Select(t => t.Name![(Prefix.Length + 5)..])
            .Distinct()
            .Order(StringComparer.Ordinal)
            .Select(name => (name, _keys[name])),
    ];

    public static TlbEntryWords<Term> Words(string keyName, int i) => new(
        Term.BvVar($"{Prefix}{i}.hi.{keyName}", 32), Term.BvVar($"{Prefix}{i}.mask.{keyName}", 32),
        Term.BvVar($"{Prefix}{i}.lo0.{keyName}", 32), Term.BvVar($"{Prefix}{i}.lo1.{keyName}", 32));

    private static string Name(TlbKey key)
    {
        var fingerprints = new StructuralFingerprints();
        var h = 14695981039346656037;
        foreach (var t in key.Terms) { h ^= fingerprints.Of(t); h *= 1099511628211; }
        return h.ToString("x16", CultureInfo.InvariantCulture);
    }
}
