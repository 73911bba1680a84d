using Virtualizability.Analysis.Replay;
using Virtualizability.Analysis.Witnesses;

namespace Virtualizability.Analysis;

/// <summary>
/// The answers of "is this one word not privileged somewhere?" (the fixed-word half of a violation, docs/definitions.md
/// "Violations"), one per word. The Theorem 1 and 3 violations of the classic and user definitions each try the words
/// of their sensitivity witnesses, and those are often one word (a user-state witness answers the all-states question
/// too): x86-protected's INT asked the same 0.4–0.6 s query three times. The query depends on the word alone, so its
/// answer — a replayed not-privileged witness for that word, or none — is the same each time it is asked.
/// </summary>
internal sealed class FixedWordPrivilege
{
    private readonly Dictionary<UInt128, (ConcreteClaim Claim, Witness Witness)?> known = new();

    /// <summary>
    /// The replayed not-privileged witness of <paramref name="word"/>, asking <paramref name="ask"/> until it decides:
    /// an undecided answer (timeout, unknown) is not kept, so a later violation asks again as it did before.
    /// </summary>
    public (ConcreteClaim Claim, Witness Witness)? For(UInt128 word, Func<(bool Decided, (ConcreteClaim Claim, Witness Witness)? Found)> ask)
    {
        if (known.TryGetValue(word, out var found)) return found;
        var (decided, result) = ask();
        if (decided) known[word] = result;
        return result;
    }
}
