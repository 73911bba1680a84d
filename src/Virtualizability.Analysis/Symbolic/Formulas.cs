using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Analysis.Symbolic;

/// <summary>
/// The formulas of docs/definitions.md for one instruction word, each as a <see cref="Claim"/> over a start state
/// named by a prefix (so that one query can hold several independent states). Comparisons of memories use a fresh
/// address per memory (∃a. M1[a] ≠ M2[a]): a moved memory has no quantifier-free equality, but a select on it does.
/// </summary>
public sealed class Formulas(IsaModel model, StateLayout layout, SymbolicWord word)
{
    // Every property of one word starts from the same fresh state (per prefix), so the symbolic execution of the
    // word from that state, its twin and its relocation is built once and shared by every claim and definition.
    // (Terms are hash-consed, so rebuilding would give the same terms, but at the cost of re-running the executor.)
    private readonly Dictionary<string, SymbolicState> fresh = new();
    private readonly Dictionary<SymbolicState, SymbolicRun> runs = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<SymbolicState, SymbolicState> twins = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(SymbolicState, Term), SymbolicState> mapped = new(new StateTermComparer());
    private readonly Dictionary<SymbolicState, Term> sup = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<SymbolicState, Term> usr = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, IReadOnlyList<(Term Cube, SymbolicState State)>> cases = new();

    public IsaModel Model => model;
    public SymbolicWord Word => word;

    public SymbolicRun Run(SymbolicState start)
    {
        if (!runs.TryGetValue(start, out var run)) runs[start] = run = SymbolicRun.Of(model, word.Instruction, start, word.Fields);
        return run;
    }

    private SymbolicState Fresh(string prefix)
    {
        if (!fresh.TryGetValue(prefix, out var s)) fresh[prefix] = s = SymbolicState.Fresh(model, prefix);
        return s;
    }

    /// <summary>
    /// The start state of a question over <paramref name="domain"/>. For user states: the fresh state with every bit
    /// that Usr(s) fixes (a conjunct that compares a register or a field with a constant) set to its value, so that
    /// the executions are built for user mode only (mode tests fold, supervisor paths drop out). Exact: every user
    /// state has those bits, so ∃s. Usr(s) ∧ φ(s) is ∃s. Usr(u(s)) ∧ φ(u(s)); the questions still assert Usr.
    /// </summary>
    private SymbolicState Start(string prefix, Domain domain)
    {
        var s = Fresh(prefix);
        if (domain != Domain.UserStates) return s;
        var key = prefix + "user";
        if (!fresh.TryGetValue(key, out var user)) fresh[key] = user = StateSpecialization.Specialize(s, Usr(s));
        return user;
    }

    /// <summary>
    /// All states as a few cases, each a cube of the mode predicate (the cubes of Usr(s) and of ¬Usr(s), at most
    /// <see cref="StateSpecialization.MaxCases"/>) with the start state specialized to it (docs/definitions.md,
    /// "How the checker asks"): a question over all states is then the disjunction of one question per case, each
    /// built for one mode, where the executions have no mode-dependent ite left. Without the split an all-states
    /// run carries both modes' address translation in every access (pdp10: relocated in user mode, absolute in
    /// executive mode), and z3 searched the two together. One case (true, s) when the predicate does not split.
    /// </summary>
    private IReadOnlyList<(Term Cube, SymbolicState State)> Cases(string prefix)
    {
        if (cases.TryGetValue(prefix, out var known)) return known;
        var s = Fresh(prefix);
        var user = Start(prefix, Domain.UserStates);
        var usr = Usr(s);
        List<(Term, SymbolicState)> result = [(Term.True, s)];
        if (StateSpecialization.Cubes(usr, true) is { } positive && StateSpecialization.Cubes(usr, false) is { } negative
            && positive.Count + negative.Count <= StateSpecialization.MaxCases)
        {
            var split = new List<(Term, SymbolicState)>();
            foreach (var cube in positive.Concat(negative).Where(c => !c.IsFalse))
            {
                var state = StateSpecialization.Specialize(s, cube);
                // The user case is the user-states questions' start: share its executions.
                split.Add((cube, state.Slots.SequenceEqual(user.Slots) ? user : state));
            }
            // A case that fixes no bit (¬(M = 16) for a 5-bit mode field) is the unsplit question again, plus the
            // other cases: only a split where every case fixes some bit is worth it.
            if (split.All(c => !c.Item2.Slots.SequenceEqual(s.Slots))) result = split;
        }
        cases[prefix] = result;
        return result;
    }

    /// <summary>∃s ∈ domain. body(s), as a formula over the start state it returns.</summary>
    private (Term Holds, SymbolicState Start) Over(string prefix, Domain domain, Func<SymbolicState, Term> body)
    {
        if (domain == Domain.UserStates)
        {
            var u = Start(prefix, domain);
            return (Term.And(Usr(u), body(u)), u);
        }
        return (Term.Or(Cases(prefix).Select(c => Term.And(c.Cube, body(c.State)))), Fresh(prefix));
    }

    private SymbolicState VmMap(SymbolicState s, Term x)
    {
        if (!mapped.TryGetValue((s, x), out var m)) mapped[(s, x)] = m = SymbolicExecutor.ApplyVmMap(model, s, x);
        return m;
    }

    public Term Sup(SymbolicState s)
    {
        if (!sup.TryGetValue(s, out var t)) sup[s] = t = SymbolicExecutor.IsSupervisor(model, s);
        return t;
    }

    public Term Usr(SymbolicState s)
    {
        if (!usr.TryGetValue(s, out var t))
            usr[s] = t = model.Roles.UserPredicate is { } user ? SymbolicExecutor.EvaluatePure(user, s) : Term.Not(Sup(s));
        return t;
    }

    /// <summary>s with its mode replaced so that Sup flips: enter user from supervisor states, enter supervisor otherwise.</summary>
    public SymbolicState Twin(SymbolicState s)
    {
        if (!twins.TryGetValue(s, out var twin))
            twins[s] = twin = SymbolicState.Merge(Sup(s), SymbolicExecutor.EnterUser(model, s), SymbolicExecutor.EnterSupervisor(model, s));
        return twin;
    }

    private sealed class StateTermComparer : IEqualityComparer<(SymbolicState, Term)>
    {
        public bool Equals((SymbolicState, Term) a, (SymbolicState, Term) b) => ReferenceEquals(a.Item1, b.Item1) && ReferenceEquals(a.Item2, b.Item2);
        public int GetHashCode((SymbolicState, Term) k) => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(k.Item1), k.Item2);
    }

    public Claim NotPrivileged(string prefix)
    {
        // A word that traps in every state (a CSR number that does not exist) is no evidence against privilege
        // (docs/definitions.md, "Instructions are words"): the word must also complete in some state s'.
        var other = Fresh(prefix + "n.");
        var (holds, s) = Over(prefix, Domain.AllStates, s =>
        {
            var run = Run(s);
            var completes = Term.And(run.PrologueCompletes, Term.Not(run.Trapped));
            return Term.And(
                run.PrologueCompletes,
                Term.Not(run.MemoryTraps),
                Term.Or(Term.And(Usr(s), completes), Term.And(Sup(s), run.Traps)));
        });
        return new Claim(PropertyKind.NotPrivileged, Domain.AllStates, Term.And(holds, Run(other).Done), s, null, other);
    }

    public Claim ControlSensitive(string prefix, Domain domain)
    {
        var (holds, s) = Over(prefix, domain, s =>
        {
            var run = Run(s);
            return Term.And(run.Done, ControlChange(s, run));
        });
        return new Claim(PropertyKind.ControlSensitive, domain, holds, s);
    }

    public Claim ModeSensitive(string prefix, Domain domain)
    {
        var (holds, s) = Over(prefix, domain, s =>
        {
            var twin = Twin(s);
            var r1 = Run(s);
            var r2 = Run(twin);
            return Term.And(
                Term.Ne(Sup(twin), Sup(s)), r1.Done, r2.Done,
                Term.Or(Term.Ne(r1.Halted, r2.Halted), Differ(r1.Final, r2.Final, layout.NonMode, prefix + "a.")));
        });
        return new Claim(PropertyKind.ModeSensitive, domain, holds, s);
    }

    public Claim LocationSensitive(string prefix, Domain domain)
    {
        var x = Offset(prefix);
        var (holds, s) = Over(prefix, domain, s =>
        {
            var r1 = Run(s);
            var r2 = Run(VmMap(s, x));
            return Term.And(
                r1.Done, r2.Done,
                Term.Or(Term.Ne(r1.Halted, r2.Halted), Differ(VmMap(r1.Final, x), r2.Final, layout.FullMask, prefix + "a.")));
        });
        return new Claim(PropertyKind.LocationSensitive, domain, holds, s, x);
    }

    public Claim TimeDependent(string prefix)
    {
        var s = Start(prefix, Domain.UserStates);
        var other = Fresh(prefix + "t.");
        // s̄: s with its time bits replaced by the other state's.
        var sBar = s with
        {
            Slots = [.. s.Slots.Select((t, i) => layout.Time[i] == 0 ? t : Mix(t, other.Slots[i], layout.Time[i], layout.SlotWidths[i]))],
        };
        var r1 = Run(s);
        var r2 = Run(sBar);
        var holds = Term.And(
            Usr(s), r1.Done, r2.Done,
            Term.Or(Term.Ne(r1.Halted, r2.Halted), Differ(r1.Final, r2.Final, layout.NonTime, prefix + "a.")));
        return new Claim(PropertyKind.TimeDependent, Domain.UserStates, holds, s, null, sBar);
    }

    public Claim PerStateControl(string prefix)
    {
        var s = Start(prefix, Domain.UserStates);
        var run = Run(s);
        var holds = Term.And(Usr(s), run.Done, ControlChange(s, run));
        return new Claim(PropertyKind.PerStateControl, Domain.UserStates, holds, s);
    }

    public Claim PerStateMode(string prefix)
    {
        var s = Start(prefix, Domain.UserStates);
        var twin = Twin(s);
        var r1 = Run(s);
        var r2 = Run(twin);
        var asInSupervisor = Term.And(
            r2.Done,
            Term.Eq(r1.Halted, r2.Halted),
            Term.Not(Differ(r1.Final, r2.Final, layout.NonMode, prefix + "a.")),
            Term.Not(Differ(r2.Final, twin, slot => layout.Mode[slot], prefix + "m.", memories: false)),
            Term.Not(Differ(r2.Final, s, slot => layout.Resource[slot], prefix + "r.", memories: false)));
        var holds = Term.And(Usr(s), r1.Done, Term.Not(asInSupervisor));
        return new Claim(PropertyKind.PerStateMode, Domain.UserStates, holds, s);
    }

    public Claim PerStateLocation(string prefix)
    {
        var s = Start(prefix, Domain.UserStates);
        var x = Offset(prefix);
        var r1 = Run(s);
        var r3 = Run(VmMap(s, x));
        var commutes = Term.And(
            r3.Done,
            Term.Eq(r1.Halted, r3.Halted),
            Term.Not(Differ(VmMap(r1.Final, x), r3.Final, layout.FullMask, prefix + "a.")));
        var holds = Term.And(Usr(s), r1.Done, Term.Not(commutes));
        return new Claim(PropertyKind.PerStateLocation, Domain.UserStates, holds, s, x);
    }

    public Claim Build(PropertyKind kind, Domain domain, string prefix) => kind switch
    {
        PropertyKind.NotPrivileged => NotPrivileged(prefix),
        PropertyKind.ControlSensitive => ControlSensitive(prefix, domain),
        PropertyKind.ModeSensitive => ModeSensitive(prefix, domain),
        PropertyKind.LocationSensitive => LocationSensitive(prefix, domain),
        PropertyKind.TimeDependent => TimeDependent(prefix),
        PropertyKind.PerStateControl => PerStateControl(prefix),
        PropertyKind.PerStateMode => PerStateMode(prefix),
        PropertyKind.PerStateLocation => PerStateLocation(prefix),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // A halt counts as a control change: it stops the real processor, taking control away from the VMM.
    private Term ControlChange(SymbolicState s, SymbolicRun run) => Term.Or(
        run.Halted,
        Differ(run.Final, s, slot => layout.Mode[slot] | layout.Resource[slot], "", memories: false),
        Term.Ne(Sup(run.Final), Sup(s)));

    private Term Offset(string prefix)
    {
        // Without a vmmap the offset is unused (the map is the identity); one bit keeps the claim's shape.
        return Term.BvVar(prefix + "x", model.VmMap?.Offset.Type.Width ?? 1);
    }

    /// <summary>
    /// Some masked slot differs, or (with <paramref name="memories"/>) some memory differs at a fresh address.
    /// </summary>
    private Term Differ(SymbolicState a, SymbolicState b, Func<int, ulong> mask, string addressPrefix, bool memories = true)
    {
        var parts = new List<Term>();
        for (var i = 0; i < a.Slots.Length; i++)
        {
            var m = mask(i);
            if (m == 0) continue;
            var width = layout.SlotWidths[i];
            parts.Add(m == layout.FullMask(i)
                ? Term.Ne(a.Slots[i], b.Slots[i])
                : Term.Ne(Term.BvAnd(a.Slots[i], Term.Bv(m, width)), Term.BvAnd(b.Slots[i], Term.Bv(m, width))));
        }
        if (memories)
            foreach (var memory in model.Memories)
            {
                var (first, second) = (a.Memory(memory), b.Memory(memory));
                // Both moved by the same amount d (the mapped run against the map of the run): M₁[j − d] ≠ M₂[j − d]
                // for some j exactly when M₁[j] ≠ M₂[j] for some j, so the unmoved memories are compared.
                if (first.Kind == TermKind.ArrayShift && second.Kind == TermKind.ArrayShift && ReferenceEquals(first.Args[1], second.Args[1]))
                    (first, second) = (first.Args[0], second.Args[0]);
                if (ReferenceEquals(first, second)) continue;
                var address = Term.BvVar(addressPrefix + memory.Name, memory.AddressWidth);
                // Read over write: the stores written out as cases, so that the query has no array reasoning left
                // (Term.ReadOverWrite says why).
                parts.Add(Term.Ne(Term.ReadOverWrite(first, address), Term.ReadOverWrite(second, address)));
            }
        return Term.Or(parts);
    }

    private static Term Mix(Term original, Term replacement, ulong mask, int width)
    {
        var full = width >= 64 ? ulong.MaxValue : (1UL << width) - 1;
        if (mask == full) return replacement;
        return Term.BvOr(Term.BvAnd(original, Term.Bv(full & ~mask, width)), Term.BvAnd(replacement, Term.Bv(mask, width)));
    }
}
