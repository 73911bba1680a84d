using Virtualizability.Proofs.Allocation;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Symbolic;

/// <summary>
/// Relates machine memory and a VM's guest memory without quantifiers. Globally, the relation is
/// <c>∀i. in-allocation(i) → machine[i] = guest[i − base]</c> and <c>∀j. j ≥ size → guest[j] = 0</c>. A formula in
/// which arrays occur only under selects (no array equalities) depends on each base array only at the indices it
/// reads, so it is satisfiable together with the global relation exactly when it is satisfiable together with the
/// relation's instances at those indices: any model of the instances extends to whole arrays that satisfy the
/// relation everywhere (the instances are consistent on the read cells, the rest is free to choose). The read
/// indices are those of every select, followed down stores, ites and moves to a base array.
/// </summary>
public static class MemoryCoupling
{
    /// <summary>The relation's instances at every index <paramref name="roots"/> read from the given arrays.</summary>
    public static IReadOnlyList<Term> Instances(IEnumerable<Term> roots, Term guestMemory, IReadOnlyList<Term> machineMemories, IAllocatorProofModel allocator)
    {
        var machines = machineMemories.ToHashSet();
        var reads = new List<(Term Array, Term Index)>();
        var seen = new HashSet<(Term, Term)>();
        foreach (var t in TermTraversal.PostOrder(roots))
            if (t.Kind == TermKind.Select)
                CollectBaseReads(t.Args[0], t.Args[1], reads, seen);

        var zero = Term.Bv(0, guestMemory.Sort.ElementSort.Width);
        var instances = new List<Term>();
        foreach (var (array, index) in reads)
        {
            if (machines.Contains(array))
            {
                instances.Add(Term.Implies(allocator.InAllocation(index),
                    Term.Eq(Term.Select(array, index), Term.Select(guestMemory, allocator.GuestAddress(index)))));
            }
            else if (ReferenceEquals(array, guestMemory))
            {
                var inRam = allocator.InRam(index);
                foreach (var machine in machineMemories)
                    instances.Add(Term.Implies(inRam, Term.Eq(Term.Select(guestMemory, index), Term.Select(machine, allocator.MachineAddress(index)))));
                instances.Add(Term.Implies(Term.Not(inRam), Term.Eq(Term.Select(guestMemory, index), zero)));
            }
        }
        return instances;
    }

    private static void CollectBaseReads(Term array, Term index, List<(Term, Term)> reads, HashSet<(Term, Term)> seen)
    {
        var stack = new Stack<(Term Array, Term Index)>();
        stack.Push((array, index));
        while (stack.Count > 0)
        {
            var (a, i) = stack.Pop();
            switch (a.Kind)
            {
                case TermKind.Var:
                    if (seen.Add((a, i))) reads.Add((a, i));
                    break;
                case TermKind.Store:
                    stack.Push((a.Args[0], i));
                    break;
                case TermKind.Ite:
                    stack.Push((a.Args[1], i));
                    stack.Push((a.Args[2], i));
                    break;
                case TermKind.ArrayShift:
                    // b = shift(a, d) has b[j] = a[j − d].
                    stack.Push((a.Args[0], Term.Sub(i, a.Args[1])));
                    break;
                case TermKind.ConstArray:
                    break;
                default:
                    throw new InvalidOperationException($"unexpected array term {a.Kind} under a select");
            }
        }
    }
}
