namespace Virtualizability.Smt.Terms;

public sealed partial class Term
{
    /// <summary>
    /// array[index] with the stores the read passes written out as cases (read over write):
    /// store(m, i, v)[a] = ite(i = a, v, m[a]), and through merges, ite(c, m₁, m₂)[a] = ite(c, m₁[a], m₂[a]), and
    /// moves, shift(m, d)[a] = m[a − d]; what is left is a select of a memory no instruction wrote (the start state's).
    /// Equal to <see cref="Select"/>, but without array terms between the read and the start memory.
    /// <para>
    /// Why: the checker compares two final memories at a fresh address. As selects of store chains the query is in
    /// QF_ABV, and z3's array reasoning found mips32's SWL and SWR location questions hard (no answer after 10 s of
    /// CPU; cvc5 took 3 s each); written out, both runs read the same select of the start memory, the rest is
    /// bit-vector logic, and z3 answers each in 0.2–0.4 s. The result is linear in the size of the memory term: each
    /// store and merge is visited once per index.
    /// </para>
    /// </summary>
    public static Term ReadOverWrite(Term array, Term index)
    {
        RequireIndex(array, index);
        return new ReadOverWriteExpander(index).Read(array);
    }

    /// <summary>The reads of one index through one memory DAG, memoised per memory subterm.</summary>
    private sealed class ReadOverWriteExpander(Term index)
    {
        private readonly Dictionary<Term, Term> done = new(ReferenceEqualityComparer.Instance);

        public Term Read(Term array)
        {
            if (done.TryGetValue(array, out var known)) return known;
            Term result;
            switch (array.Kind)
            {
                case TermKind.Store:
                {
                    // A chain of stores is walked in a loop (it can be long: a block move), then folded innermost
                    // first, each store's read remembered (merged paths share the stores below their split).
                    var chain = new List<Term>();
                    var m = array;
                    while (m.Kind == TermKind.Store && !done.ContainsKey(m) && !ReferenceEquals(m.Args[1], index))
                    {
                        chain.Add(m);
                        m = m.Args[0];
                    }
                    if (done.TryGetValue(m, out var below)) result = below;
                    else if (m.Kind == TermKind.Store) result = done[m] = m.Args[2];   // stored at the index itself
                    else result = Read(m);
                    for (var k = chain.Count - 1; k >= 0; k--)
                    {
                        var (at, value) = (chain[k].Args[1], chain[k].Args[2]);
                        var same = Eq(at, index);
                        if (!same.IsFalse && !ProvablyDistinctOffsets(at, index)) result = Ite(same, value, result);
                        done[chain[k]] = result;
                    }
                    return result;
                }
                case TermKind.Ite:
                    result = Ite(array.Args[0], Read(array.Args[1]), Read(array.Args[2]));
                    break;
                case TermKind.ArrayShift:
                    // A moved memory is read at the moved index: another index, so another expansion.
                    result = ReadOverWrite(array.Args[0], Sub(index, array.Args[1]));
                    break;
                default:
                    result = Select(array, index);
                    break;
            }
            done[array] = result;
            return result;
        }
    }
}
