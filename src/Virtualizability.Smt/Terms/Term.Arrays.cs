namespace Virtualizability.Smt.Terms;

public sealed partial class Term
{
    /// <summary>The array mapping every index of <paramref name="indexWidth"/> bits to <paramref name="value"/>.</summary>
    public static Term ConstArray(int indexWidth, Term value)
    {
        RequireBv(value);
        return Intern(TermKind.ConstArray, Sort.Array(indexWidth, value.Width), value);
    }

    public static Term Select(Term array, Term index)
    {
        RequireIndex(array, index);
        while (true)
        {
            switch (array.Kind)
            {
                case TermKind.ConstArray:
                    return array.Args[0];
                case TermKind.Ite:
                    // A merge of two memories (paths that wrote differently): reading it reads one of them. Pushing the
                    // select inside keeps moved memories (ArrayShift) under a select, where they have an encoding.
                    return Ite(array.Args[0], Select(array.Args[1], index), Select(array.Args[2], index));
                case TermKind.ArrayShift:
                    // b = shift(a, d) has b[j] = a[j - d].
                    index = Sub(index, array.Args[1]);
                    array = array.Args[0];
                    continue;
                case TermKind.Store:
                {
                    var storedAt = array.Args[1];
                    if (ReferenceEquals(storedAt, index)) return array.Args[2];
                    // Skip stores to indices that certainly differ, so reads past unrelated writes stay small.
                    if (Eq(storedAt, index).IsFalse || ProvablyDistinctOffsets(storedAt, index)) { array = array.Args[0]; continue; }
                    break;
                }
            }
            return Intern(TermKind.Select, array.Sort.ElementSort, array, index);
        }
    }

    public static Term Store(Term array, Term index, Term value)
    {
        RequireIndex(array, index);
        if (value.Sort != array.Sort.ElementSort) throw new ArgumentException($"storing {value.Sort} into {array.Sort}");
        if (array.Kind == TermKind.ArrayShift)
            return ArrayShift(Store(array.Args[0], Sub(index, array.Args[1]), value), array.Args[1]);
        // A later store to the same index hides the earlier one.
        if (array.Kind == TermKind.Store && ReferenceEquals(array.Args[1], index)) array = array.Args[0];
        return Intern(TermKind.Store, array.Sort, array, index, value);
    }

    /// <summary>The array b with b[i + offset] = array[i] for every i (indices wrap around).</summary>
    public static Term ArrayShift(Term array, Term offset)
    {
        RequireIndex(array, offset);
        if (offset.Kind == TermKind.BvConst && offset.Value == 0) return array;
        if (array.Kind == TermKind.ConstArray) return array;
        if (array.Kind == TermKind.ArrayShift) return ArrayShift(array.Args[0], Add(array.Args[1], offset));
        return Intern(TermKind.ArrayShift, array.Sort, array, offset);
    }

    // x + c1 and x + c2 with c1 != c2 never coincide (also x vs x + c with c != 0): multi-cell accesses hit this.
    private static bool ProvablyDistinctOffsets(Term a, Term b)
    {
        static (Term Base, ulong Offset) Split(Term t) =>
            t.Kind == TermKind.BvAdd && t.Args[1].IsConst ? (t.Args[0], t.Args[1].Value) : (t, 0UL);
        var (baseA, offA) = Split(a);
        var (baseB, offB) = Split(b);
        return ReferenceEquals(baseA, baseB) && offA != offB;
    }

    private static void RequireIndex(Term array, Term index)
    {
        if (!array.Sort.IsArray) throw new ArgumentException($"expected an array term, got {array.Sort}");
        if (index.Sort != array.Sort.IndexSort) throw new ArgumentException($"index {index.Sort} for {array.Sort}");
    }
}
