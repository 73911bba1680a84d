using Virtualizability.Analysis.Replay;
using Virtualizability.Analysis.Symbolic;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Analysis;

/// <summary>
/// Classifies one instruction under the requested definitions. The symbolic execution of the word is built once
/// (<see cref="Formulas"/> memoises it) and every existential question (property, domain) is answered once and
/// shared between definitions. The questions are asked in an order that lets cheap answers settle others
/// (docs/definitions.md, "How the checker asks"):
/// <list type="number">
/// <item>the concrete witness search (Search/WitnessSearch): a question it finds a replayed witness for is answered
/// yes and not asked;</item>
/// <item>not-privileged first; when it is unsat the instruction traps in every user execution, so every question
/// about a completing user execution is answered no without asking;</item>
/// <item>the remaining questions together, as one disjunction over the shared start state: unsat answers all of them
/// no; a model answers yes every question it satisfies (each replayed), and the rest are asked again; a batch
/// the solver cannot decide falls back to one query per question;</item>
/// <item>the Theorem 1 and 3 violations (∃w, s₁, s₂: sensitive(w, s₁) ∧ not-privileged(w, s₂)), skipped when the
/// instruction is privileged or not sensitive, and answered without a query when the two witnesses already found
/// share their word.</item>
/// </list>
/// </summary>
internal sealed partial class InstructionAnalyzer
{
    private readonly IsaModel model;
    private readonly StateLayout layout;
    private readonly InstructionDecl instruction;
    private readonly SymbolicWord word;
    private readonly Formulas formulas;
    private readonly QueryRunner runner;
    private readonly AnalysisOptions options;
    private readonly Dictionary<(PropertyKind, Domain), Answer> answers = new();
    private readonly Dictionary<(PropertyKind, Domain), Claim> claims = new();
    private readonly Dictionary<string, Answer> violations = new();
    private readonly FixedWordPrivilege fixedWords = new();
    private readonly Search.WitnessSearch? search;
    private int batches;

    public InstructionAnalyzer(IsaModel model, StateLayout layout, InstructionDecl instruction, WitnessReplayer replayer, AnalysisOptions options)
    {
        this.model = model;
        this.layout = layout;
        this.instruction = instruction;
        this.options = options;
        word = SymbolicWord.For(model, instruction);
        formulas = new Formulas(model, layout, word);
        runner = new QueryRunner(options, replayer, model.Name, instruction.Name, InstructionFiles.Stem(model, instruction));
        if (options.ConcreteSearch) search = new Search.WitnessSearch(replayer.Isa, layout, replayer);
    }

    /// <summary>The classification under each definition, in the order given.</summary>
    public InstructionResult[] Analyze(IReadOnlyList<Definition> definitions)
    {
        var needed = definitions.SelectMany(Questions).Distinct().ToList();
        if (layout.HasTime) needed.Add((PropertyKind.TimeDependent, Domain.UserStates));
        if (options.EmitSmtDirectory is not null) EmitObligations(definitions);
        Resolve(needed);
        return [.. definitions.Select(Assemble)];
    }

    /// <summary>The questions a definition's classification reads (not-privileged and time-dependence aside).</summary>
    private static IEnumerable<(PropertyKind, Domain)> Questions(Definition definition) => definition switch
    {
        Definition.PerState =>
        [
            (PropertyKind.PerStateControl, Domain.UserStates), (PropertyKind.PerStateMode, Domain.UserStates),
            (PropertyKind.PerStateLocation, Domain.UserStates),
        ],
        Definition.User =>
        [
            (PropertyKind.ControlSensitive, Domain.UserStates), (PropertyKind.ModeSensitive, Domain.UserStates),
            (PropertyKind.LocationSensitive, Domain.UserStates),
        ],
        _ =>
        [
            (PropertyKind.ControlSensitive, Domain.AllStates), (PropertyKind.ModeSensitive, Domain.AllStates),
            (PropertyKind.LocationSensitive, Domain.AllStates), (PropertyKind.ControlSensitive, Domain.UserStates),
            (PropertyKind.LocationSensitive, Domain.UserStates),
        ],
    };

    private InstructionResult Assemble(Definition definition)
    {
        var d = definition.Name();
        var privileged = Get(PropertyKind.NotPrivileged, Domain.AllStates).Negate();
        var time = layout.HasTime ? Get(PropertyKind.TimeDependent, Domain.UserStates) : Answer.No();
        Answer control, mode, location, userSensitive, violation, hybrid;
        if (definition == Definition.PerState)
        {
            control = Get(PropertyKind.PerStateControl, Domain.UserStates);
            mode = Get(PropertyKind.PerStateMode, Domain.UserStates);
            location = Get(PropertyKind.PerStateLocation, Domain.UserStates);
            userSensitive = Answer.Or(control, location);
            // Per-state needs no privilege: an instruction passes when every non-trapping user execution is innocuous.
            violation = Answer.Or(Answer.Or(control, mode), location);
            hybrid = userSensitive;
        }
        else
        {
            var domain = definition == Definition.Classic ? Domain.AllStates : Domain.UserStates;
            control = Get(PropertyKind.ControlSensitive, domain);
            mode = Get(PropertyKind.ModeSensitive, domain);
            location = Get(PropertyKind.LocationSensitive, domain);
            var userControl = Get(PropertyKind.ControlSensitive, Domain.UserStates);
            var userLocation = Get(PropertyKind.LocationSensitive, Domain.UserStates);
            userSensitive = Answer.Or(userControl, userLocation);
            violation = Violation(privileged, domain, [(PropertyKind.ControlSensitive, control), (PropertyKind.ModeSensitive, mode), (PropertyKind.LocationSensitive, location)], "violation-t1", d);
            hybrid = Violation(privileged, Domain.UserStates, [(PropertyKind.ControlSensitive, userControl), (PropertyKind.LocationSensitive, userLocation)], "violation-t3", d);
        }
        var sensitive = Answer.Or(Answer.Or(control, mode), location);
        return new InstructionResult(instruction, privileged, control, mode, location, userSensitive,
            sensitive.Negate() with { Witness = null, Claim = null },
            time, violation, hybrid, [.. runner.InternalErrors.Distinct()]);
    }

    private Answer Get(PropertyKind kind, Domain domain) => answers[(kind, domain)];

    private static bool IsLocation(PropertyKind kind) => kind is PropertyKind.LocationSensitive or PropertyKind.PerStateLocation;

    // Every question about an execution that completes from a user state: answered by privilege.
    private static bool AboutUserExecutions(PropertyKind kind, Domain domain) =>
        domain == Domain.UserStates && kind != PropertyKind.NotPrivileged;

    private Claim ClaimOf(PropertyKind kind, Domain domain)
    {
        if (!claims.TryGetValue((kind, domain), out var claim))
            using (ProfileSummary.Time("claims"))
                claims[(kind, domain)] = claim = formulas.Build(kind, domain, "s.");
        return claim;
    }

    private void Resolve(List<(PropertyKind Kind, Domain Domain)> needed)
    {
        // 1. Privilege. Unsat means: every word that completes somewhere traps in every user state without a memory
        //    trap; with a memory trap it traps too. So no word completes from a user state, and every question below
        //    about a user execution (all of which require Usr(s) ∧ done(s)) is unsat as well.
        //    The concrete witness search first: what it confirms is not asked (the solver is left every "no").
        (PropertyKind Kind, Domain Domain) privilege = (PropertyKind.NotPrivileged, Domain.AllStates);
        SearchWitnesses(needed.Prepend(privilege).Where(q => !IsLocation(q.Kind) || model.VmMap is not null));
        if (!answers.TryGetValue(privilege, out var notPrivileged))
            answers[privilege] = notPrivileged = AskOne(PropertyKind.NotPrivileged, Domain.AllStates);

        var open = new List<(PropertyKind Kind, Domain Domain)>();
        foreach (var q in needed)
        {
            if (answers.ContainsKey(q)) continue;
            if (IsLocation(q.Kind) && model.VmMap is null)
                answers[q] = Answer.No();   // no vmmap: the only VM map is the identity, which every execution commutes with
            else if (notPrivileged.IsNo && AboutUserExecutions(q.Kind, q.Domain))
                answers[q] = Answer.No();   // privileged: every execution from a user state traps
            else open.Add(q);
        }

        // 2. The rest in batches over the shared start state.
        List<Claim> built;
        try
        {
            built = [.. open.Select(q => ClaimOf(q.Kind, q.Domain))];
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            foreach (var q in open) answers[q] = EncodingFailed(q.Kind.Name(), e);
            return;
        }
        var pending = open.Zip(built).ToList();
        // First everything at once (innocuous instructions are settled by this one unsat query), then what remains
        // in groups that share their executions (one run; the run and its twin; the run and its relocation; the
        // time-shifted run), so that a batch is never much bigger than its largest question.
        if (pending.Count > 1 && Batch(pending) is true) return;
        foreach (var group in pending.GroupBy(p => Structure(p.First.Kind)).Select(g => g.ToList()).ToList())
        {
            BatchPerStart(group);
            // One at a time, the implied questions first: a "no" to one answers "no" to every question that implies
            // it, and a "yes" answers "yes" to every question it implies (its witness replayed as theirs).
            var singles = group.Select(p => p.First)
                .OrderByDescending(q => group.Count(o => !o.First.Equals(q) && Implies(o.First, q))).ToList();
            foreach (var q in singles)
            {
                if (answers.ContainsKey(q) || AnsweredByImplication(q, singles)) continue;
                var answer = answers[q] = AskOne(q.Kind, q.Domain);
                foreach (var other in singles.Where(o => !answers.ContainsKey(o)))
                {
                    if (answer.IsNo && Implies(other, q)) answers[other] = Answer.No();
                    else if (answer.IsYes && Implies(q, other) && answer.Claim is { } c
                             && runner.TryReplay(c with { Kind = other.Kind, Domain = other.Domain }) is { } w)
                        answers[other] = Answer.Yes(w) with { Claim = c with { Kind = other.Kind, Domain = other.Domain } };
                }
            }
        }
    }

    /// <summary>
    /// a ⇒ b: every witness of question a is a witness of question b (docs/definitions.md): a user-state question
    /// implies its all-states one; control on user states is the per-state control conjunct; mode- and
    /// location-sensitivity on user states imply the failure of the per-state mode and location conjuncts.
    /// </summary>
    private static bool Implies((PropertyKind Kind, Domain Domain) a, (PropertyKind Kind, Domain Domain) b)
    {
        if (a.Equals(b)) return true;
        var (k1, d1, k2, d2) = (a.Kind, a.Domain, b.Kind, b.Domain);
        if (d1 != Domain.UserStates) return false;
        return (k1, k2) switch
        {
            (PropertyKind.ControlSensitive, PropertyKind.ControlSensitive) => d2 == Domain.AllStates,
            (PropertyKind.ModeSensitive, PropertyKind.ModeSensitive) => d2 == Domain.AllStates,
            (PropertyKind.LocationSensitive, PropertyKind.LocationSensitive) => d2 == Domain.AllStates,
            (PropertyKind.ControlSensitive, PropertyKind.PerStateControl) => true,
            (PropertyKind.PerStateControl, PropertyKind.ControlSensitive) => true,   // the same formula
            (PropertyKind.ModeSensitive, PropertyKind.PerStateMode) => true,
            (PropertyKind.LocationSensitive, PropertyKind.PerStateLocation) => true,
            _ => false,
        };
    }

    private static int Structure(PropertyKind kind) => kind switch
    {
        PropertyKind.ControlSensitive or PropertyKind.PerStateControl or PropertyKind.NotPrivileged => 0,
        PropertyKind.ModeSensitive or PropertyKind.PerStateMode => 1,
        PropertyKind.LocationSensitive or PropertyKind.PerStateLocation => 2,
        _ => 3,
    };

    /// <summary>
    /// Asks whether any of <paramref name="pending"/> holds. Unsat: all are answered no, and the result is true.
    /// Sat: those the model satisfies are answered (with replayed witnesses) and removed, and the result is false.
    /// Otherwise (undecided, or a model that satisfies none by our evaluation) nothing changes: null.
    /// </summary>
    private bool? Batch(List<((PropertyKind Kind, Domain Domain) First, Claim Second)> pending)
    {
        // A question that implies another pending one adds nothing to the disjunction: leave it out (the model is
        // still evaluated on it, and an unsat answer covers it through the one it implies).
        var asked = pending.Where(p => !pending.Any(o => !o.First.Equals(p.First) && Implies(p.First, o.First) && !Implies(o.First, p.First))).ToList();
        var query = new Query([word.Decodes, .. AnyOf([.. asked.Select(p => p.Second.Holds)])], [],
            $"{model.Name}.{instruction.Name}: any of {string.Join(", ", asked.Select(p => Label(p.First)))}")
        {
            SplitLastDisjunction = true,
        };
        runner.Emit(query, $"batch{++batches}", "all");
        // A batch of one is that question's own query, with the whole limit; undecided, it is answered so.
        // A batch of several questions that stays undecided is split below, so it does not wait for the fallback solver.
        var result = runner.Solve(query, asked.Count == 1 ? options.Timeout : BatchTimeout, fallback: asked.Count == 1);
        if (asked.Count == 1 && result is SolverResult.Timeout or SolverResult.Unknown)
        {
            answers[asked[0].First] = QueryRunner.Undecided(result);
            pending.Remove(asked[0]);
            return null;
        }
        if (result is SolverResult.Unsat)
        {
            foreach (var (q, _) in pending) answers[q] = Answer.No();
            pending.Clear();
            return true;
        }
        if (result is not SolverResult.Sat sat) return null;
        var settled = pending.Where(p => sat.Model.Holds(p.Second.Holds)).ToList();
        if (settled.Count == 0) return null;
        foreach (var p in settled)
        {
            answers[p.First] = WitnessFrom(p.Second, sat.Model);
            pending.Remove(p);
        }
        return false;
    }

    /// <summary>
    /// C ∧ A₁ ∨ … ∨ C ∧ Aₙ as the assertions C, A₁ ∨ … ∨ Aₙ: the conjuncts every question shares (Usr(s), the run
    /// completing) asserted once at the top, where the solver's preprocessing can use them (inside a disjunction it
    /// cannot: mips32's SWR batch took 5 s as a plain disjunction and its questions 0.2 s together one by one).
    /// </summary>
    private static IEnumerable<Term> AnyOf(IReadOnlyList<Term> claims)
    {
        static IReadOnlyList<Term> Conjuncts(Term t) => t.Kind == TermKind.And ? t.Args : [t];
        var shared = Conjuncts(claims[0]).Where(c => claims.All(o => Conjuncts(o).Contains(c))).ToHashSet();
        return [.. shared, Term.Or(claims.Select(c => Term.And(Conjuncts(c).Where(x => !shared.Contains(x)))))];
    }

    // A batch that the solver cannot settle quickly is split, so it gets part of the limit: each question it holds
    // still gets the whole limit of its own.
    private TimeSpan BatchTimeout => options.Timeout / 5;

    private static string Label((PropertyKind Kind, Domain Domain) q) => $"{q.Kind.Name()} on {q.Domain.Name()}";

    private Answer WitnessFrom(Claim claim, SolverModel model)
    {
        var concrete = runner.Concretize(claim, word, model);
        return runner.Replay(concrete) is { } w ? Answer.Yes(w) with { Claim = concrete } : runner.ReplayFailed(claim.Kind);
    }

    private Answer EncodingFailed(string what, Exception e)
    {
        runner.InternalErrors.Add($"{instruction.Name}: {what} could not be encoded: {e.Message}");
        return Answer.Unknown($"internal error: {e.Message}");
    }

    private Answer AskOne(PropertyKind kind, Domain domain)
    {
        try
        {
            var claim = ClaimOf(kind, domain);
            // A question over all states is a disjunction of its mode cases (Formulas): one case at a time.
            var query = new Query([word.Decodes, claim.Holds], [], $"{model.Name}.{instruction.Name}: {kind.Name()} on {domain.Name()}")
            {
                SplitLastDisjunction = true,
            };
            var result = runner.Solve(query, options.Timeout);
            var answer = result switch
            {
                SolverResult.Unsat => Answer.No(),
                SolverResult.Sat sat => WitnessFrom(claim, sat.Model),
                _ => QueryRunner.Undecided(result),
            };
            return answer;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return EncodingFailed(kind.Name(), e);
        }
    }

    /// <summary>Every question a definition reads, written as its own self-contained SMT-LIB file (as before batching).</summary>
    private void EmitObligations(IReadOnlyList<Definition> definitions)
    {
        foreach (var definition in definitions)
        {
            var d = definition.Name();
            var asked = Questions(definition).Prepend((PropertyKind.NotPrivileged, Domain.AllStates));
            if (layout.HasTime) asked = asked.Append((PropertyKind.TimeDependent, Domain.UserStates));
            foreach (var (kind, domain) in asked)
            {
                if (IsLocation(kind) && model.VmMap is null) continue;
                try
                {
                    var query = new Query([word.Decodes, ClaimOf(kind, domain).Holds], [], $"{model.Name}.{instruction.Name}: {kind.Name()} on {domain.Name()}");
                    runner.Emit(query, kind.Name() + (domain == Domain.UserStates && IsSensitivity(kind) ? "-user" : ""), d);
                }
                catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
                {
                    // Reported when the question is asked.
                }
            }
        }
    }

    private static bool IsSensitivity(PropertyKind kind) =>
        kind is PropertyKind.ControlSensitive or PropertyKind.ModeSensitive or PropertyKind.LocationSensitive;

    private Answer Violation(Answer privileged, Domain domain, (PropertyKind Kind, Answer Answer)[] components, string property, string definition)
    {
        if (privileged.IsYes) return Answer.No();
        var open = components.Where(c => !c.Answer.IsNo).ToList();
        if (open.Count == 0) return Answer.No();
        var key = $"{domain}:{string.Join(",", open.Select(c => c.Kind))}";
        // The obligation is written whether or not it is asked (the witnesses found may already answer it).
        if (options.EmitSmtDirectory is not null) EmitViolation(domain, open, property, definition);
        if (violations.TryGetValue(key, out var known)) return known;
        var answer = ComputeViolation(privileged, domain, open, property, definition);
        violations[key] = answer;
        return answer;
    }

    private void EmitViolation(Domain domain, List<(PropertyKind Kind, Answer Answer)> open, string property, string definition)
    {
        var claims = open.Select(c => formulas.Build(c.Kind, domain, "s1.")).ToList();
        var notPrivileged = formulas.NotPrivileged("s2.");
        runner.Emit(ViolationQuery(domain, claims, notPrivileged), property, definition);
    }

    private Query ViolationQuery(Domain domain, List<Claim> claims, Claim notPrivileged) =>
        new([word.Decodes, Term.Or(claims.Select(c => c.Holds)), notPrivileged.Holds], [],
            $"{model.Name}.{instruction.Name}: one word sensitive on {domain.Name()} and not privileged");

    private Answer? FixedWordViolation(Answer privileged, Domain domain, List<(PropertyKind Kind, Answer Answer)> open)
    {
        var notPrivileged = ClaimOf(PropertyKind.NotPrivileged, Domain.AllStates);
        foreach (var (_, a) in open)
        {
            // A sensitivity witness that completes from a user state is a not-privileged witness of its own word (the
            // state is also the one where the word completes): the replay decides, no query is needed.
            if (!a.IsYes || a.Claim is not { } sensitive) continue;
            var own = sensitive with { Kind = PropertyKind.NotPrivileged, Domain = Domain.AllStates, Offset = null, Other = sensitive.Start };
            if (runner.TryReplay(own) is { } w) return Answer.Yes(a.Witness) with { SecondWitness = w, Claim = sensitive, SecondClaim = own };
        }
        foreach (var (kind, a) in open)
        {
            if (!a.IsYes || a.Claim is not { } sensitive) continue;
            if (SearchNotPrivileged(sensitive.Word) is { } searched)
                return Answer.Yes(a.Witness) with { SecondWitness = searched.Witness, Claim = sensitive, SecondClaim = searched.Claim };
            if (fixedWords.For(sensitive.Word, () => NotPrivilegedFor(sensitive.Word, kind, notPrivileged)) is not { } found) continue;
            return Answer.Yes(a.Witness) with { SecondWitness = found.Witness, Claim = sensitive, SecondClaim = found.Claim };
        }
        if (privileged.Claim is { } np)
        {
            var claims = open.Select(c => ClaimOf(c.Kind, domain)).ToList();
            var result = runner.Solve(new Query([word.Decodes, word.Is(np.Word), Term.Or(claims.Select(c => c.Holds))], [],
                $"{model.Name}.{instruction.Name}: sensitive on {domain.Name()} for the word of the not-privileged witness"), options.Timeout);
            if (result is SolverResult.Sat sat && claims.FirstOrDefault(c => sat.Model.Holds(c.Holds)) is { } claim)
            {
                var first = runner.Concretize(claim, word, sat.Model);
                if (first.Word == np.Word && runner.Replay(first) is { } w)
                    return Answer.Yes(w) with { SecondWitness = privileged.Witness, Claim = first, SecondClaim = np };
            }
        }
        return null;
    }

    // ∃s. not-privileged(w, s) for one word w: (decided, the replayed witness when sat and replayed).
    private (bool, (ConcreteClaim, Witnesses.Witness)?) NotPrivilegedFor(UInt128 w, PropertyKind kind, Claim notPrivileged)
    {
        var result = runner.Solve(new Query([word.Decodes, word.Is(w), notPrivileged.Holds], [],
            $"{model.Name}.{instruction.Name}: not-privileged for the word of the {kind.Name()} witness"), options.Timeout);
        if (result is SolverResult.Unsat) return (true, null);
        if (result is not SolverResult.Sat sat) return (false, null);
        var second = runner.Concretize(notPrivileged, word, sat.Model);
        return (true, second.Word == w && runner.Replay(second) is { } replayed ? (second, replayed) : null);
    }

    private Answer ComputeViolation(Answer privileged, Domain domain, List<(PropertyKind Kind, Answer Answer)> open, string property, string definition)
    {
        // The not-privileged witness and a sensitivity witness that share their word are a violation already: the
        // query below would ask for exactly such a pair.
        if (privileged.IsNo && privileged.Claim is { } np)
            foreach (var (_, a) in open)
                if (a.IsYes && a.Claim is { } c && c.Word == np.Word)
                    return Answer.Yes(a.Witness) with { SecondWitness = privileged.Witness, Claim = a.Claim, SecondClaim = np };
        try
        {
            // Cheaper than the two-state query: is a sensitivity witness's word also not privileged somewhere, or the
            // not-privileged witness's word sensitive? Either is a pair for one word; only if neither is, ask in full.
            if (FixedWordViolation(privileged, domain, open) is { } found) return found;
            List<Claim> claims;
            Claim notPrivileged;
            using (ProfileSummary.Time("claims"))
            {
                claims = [.. open.Select(c => formulas.Build(c.Kind, domain, "s1."))];
                notPrivileged = formulas.NotPrivileged("s2.");
            }
            var query = ViolationQuery(domain, claims, notPrivileged);
            var result = runner.Solve(query, options.Timeout);
            if (result is SolverResult.Unsat) return Answer.No();
            if (result is not SolverResult.Sat sat) return QueryRunner.Undecided(result);
            var claim = claims.First(c => sat.Model.Holds(c.Holds));
            var sensitiveClaim = runner.Concretize(claim, word, sat.Model);
            var unprivilegedClaim = runner.Concretize(notPrivileged, word, sat.Model);
            var sensitive = runner.Replay(sensitiveClaim);
            var unprivileged = runner.Replay(unprivilegedClaim);
            if (sensitive is null || unprivileged is null) return runner.ReplayFailed(claim.Kind);
            return Answer.Yes(sensitive) with { SecondWitness = unprivileged, Claim = sensitiveClaim, SecondClaim = unprivilegedClaim };
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return EncodingFailed(property, e);
        }
    }
}
