using System.Collections.Immutable;
using Virtualizability.Analysis;
using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Lemmas;
using Virtualizability.Proofs.Simplification;
using Virtualizability.Proofs.Symbolic;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Obligations;

/// <summary>
/// Builds the negations of the three VMM obligations for one instruction (docs/vmm-proofs.md gives the formulas).
/// Every obligation quantifies over a virtual state v (prefix <c>v.</c>), machine memory (<c>m.</c>) coupled to v's
/// storage through the allocation, and the allocation itself; memories are compared at a fresh address <c>x</c>.
/// </summary>
public sealed class ObligationBuilder(SymbolicVmm vmm)
{
    private readonly IsaModel _model = vmm.Model;
    private readonly StateLayout _layout = StateLayout.Of(vmm.Model);

    private Term Address => Term.BvVar("x", vmm.Storage.AddressWidth);

    private Term MachineMemory(string prefix) => Term.Var(prefix + vmm.Storage.Name, Sort.Array(vmm.Storage.AddressWidth, vmm.Storage.CellWidth));

    /// <summary>
    /// Equivalence: for every v decoding to the instruction, the VMM's step from f(v) ends in f(step(v)). Negated: the
    /// VMM's state differs from f(step(v)) somewhere, or the step is not the VMM's step of this instruction at all.
    /// </summary>
    public Obligation Equivalence(InstructionDecl instruction, ObligationPart? part = null)
    {
        var (v, m, x) = (SymbolicState.Fresh(_model, "v."), MachineMemory("m."), Address);
        var virtualStep = SymbolicExecutor.ExecuteStep(_model, instruction, v, part?.DecodedUnits);
        var (final, halted) = vmm.TotalStep(virtualStep);
        var expected = vmm.ViewOf(final, halted, m);
        var step = vmm.Step(instruction, v, vmm.RealOf(v, m), virtualStep.FetchedUnits, x, interpreterDecodesVirtualUnits: part?.DecodedUnits is not null);
        var violated = Term.Or(step.FetchMismatch, step.InterpreterFetchMismatch, step.PartialWrite, VmmView.Differ(step.Result, expected, x));
        var statement = $"∀ allocation, v. decodes(v, {instruction.Name}) → VMM-step(f(v)) = f(step(v))";
        // A part that asserts only its condition (OutcomeSplit's overlap) keeps decodes(v) and drops the negated obligation.
        List<Term> body = part is { ConditionOnly: true } ? [virtualStep.Decodes] : [virtualStep.Decodes, violated];
        return Build(instruction, part, ObligationProperty.Equivalence, statement, body, v, [m],
        [
            Start(v, m, x),
            Pair("after one step", "f(step(v))", "VMM step on f(v)", expected, step.Result, x),
            new("whether the VMM's step is one step of the instruction at all", "required", "VMM step on f(v)",
            [
                new("the real machine fetched another word", Term.False, step.FetchMismatch),
                new("the interpreter fetched another word", Term.False, step.InterpreterFetchMismatch),
                new("the real step wrote memory before trapping", Term.False, step.PartialWrite),
            ]),
        ]);
    }

    /// <summary>
    /// The equivalence obligation's parts on the VMM step's outcomes (<see cref="OutcomeSplit"/>), built from the same
    /// terms <see cref="Equivalence"/> builds (terms are hash-consed, so the parts' guards are the formula's own), or null
    /// when <paramref name="rule"/> leaves it whole.
    /// </summary>
    public IReadOnlyList<ObligationPart>? OutcomeParts(InstructionDecl instruction, OutcomeSplitRule? rule)
    {
        if (rule is null) return null;
        var (v, m, x) = (SymbolicState.Fresh(_model, "v."), MachineMemory("m."), Address);
        var virtualStep = SymbolicExecutor.ExecuteStep(_model, instruction, v);
        var step = vmm.Step(instruction, v, vmm.RealOf(v, m), virtualStep.FetchedUnits, x);
        if (rule.MinFormulaNodes > 0)
        {
            var (final, halted) = vmm.TotalStep(virtualStep);
            var expected = vmm.ViewOf(final, halted, m);
            var formula = Term.Or(step.FetchMismatch, step.InterpreterFetchMismatch, step.PartialWrite, VmmView.Differ(step.Result, expected, x));
            if (TermTraversal.PostOrder([virtualStep.Decodes, formula]).Count < rule.MinFormulaNodes) return null;
        }
        return OutcomeSplit.Parts(step.Routes);
    }

    /// <summary>
    /// Efficiency, for an instruction the checker calls innocuous: from f(v), where v's resources lie within its
    /// allocation and v's step completes, the real machine completes the same word in user mode without trapping.
    /// </summary>
    public Obligation Efficiency(InstructionDecl instruction, ObligationPart? part = null)
    {
        var (v, m, x) = (SymbolicState.Fresh(_model, "v."), MachineMemory("m."), Address);
        var virtualStep = SymbolicExecutor.ExecuteStep(_model, instruction, v, part?.DecodedUnits);
        var real = vmm.RealOf(v, m);
        var realStep = SymbolicExecutor.ExecuteStep(_model, instruction, real, virtualStep.FetchedUnits);
        var (realUnits, realFetch) = SymbolicExecutor.ExecuteFetch(_model, instruction, real);
        var fetchMismatch = Term.And(realFetch.CompletedGuard, SymbolicVmm.UnitsDiffer(realUnits, virtualStep.FetchedUnits));
        var violated = Term.Or(fetchMismatch, Term.Not(realStep.Outcome.CompletedGuard));
        var statement = $"∀ allocation, v. decodes(v, {instruction.Name}) ∧ R(v) within the allocation ∧ done(v) → done(f(v)) directly";
        return Build(instruction, part, ObligationProperty.Efficiency, statement,
            [virtualStep.Decodes, vmm.Allocator.ResourcesWithinAllocation(v), virtualStep.Outcome.CompletedGuard, violated], v, [m],
        [
            Start(v, m, x),
            Outcomes("how each step ends", "virtual step of v", "real step of f(v)", virtualStep.Outcome, realStep.Outcome),
        ]);
    }

    /// <summary>
    /// Resource control: a real user-mode step from f(v) that does not trap leaves the real mode and resources as they
    /// were and stays in user mode; no real step halts the machine or writes machine memory outside the allocation; and
    /// what a completed step computes does not depend on machine memory outside the allocation (it reads none).
    /// </summary>
    public Obligation ResourceControl(InstructionDecl instruction, ObligationPart? part = null)
    {
        var (v, m, m2, x) = (SymbolicState.Fresh(_model, "v."), MachineMemory("m."), MachineMemory("m2."), Address);
        var virtualStep = SymbolicExecutor.ExecuteStep(_model, instruction, v, part?.DecodedUnits);
        var real = vmm.RealOf(v, m);
        var other = vmm.RealOf(v, m2);
        // Both real steps decode v's units: fetchMismatch, over every machine memory, says a completed real fetch returns them.
        var outcome = SymbolicExecutor.ExecuteStep(_model, instruction, real, virtualStep.FetchedUnits).Outcome;
        var outcome2 = SymbolicExecutor.ExecuteStep(_model, instruction, other, virtualStep.FetchedUnits).Outcome;
        var (realUnits, realFetch) = SymbolicExecutor.ExecuteFetch(_model, instruction, real);
        var fetchMismatch = Term.And(realFetch.CompletedGuard, SymbolicVmm.UnitsDiffer(realUnits, virtualStep.FetchedUnits));

        var completed = outcome.Completed;
        var controlChanged = Term.And(outcome.CompletedGuard, Term.Or(
            Term.Or(Enumerable.Range(0, _model.StateSlots).Select(s => Masked(real, completed, s, _layout.Mode[s] | _layout.Resource[s]))),
            Term.Not(Usr(completed))));
        var outside = Term.Not(vmm.Allocator.InAllocation(x));
        var before = Term.Select(m, x);
        var writesOutside = Term.And(outside, Term.Or(
            outcome.Traps.Select(t => Term.And(t.Guard, Term.Ne(Term.Select(t.State.Memory(vmm.Storage), x), before)))
                .Append(Term.And(outcome.CompletedGuard, Term.Ne(Term.Select(completed.Memory(vmm.Storage), x), before)))));
        var readsOutside = Term.Or(
            outcome.Traps.Select(t => Term.Ne(t.Guard, outcome2.TrapGuardOf(t.Exception)))
                .Append(Term.Ne(outcome.CompletedGuard, outcome2.CompletedGuard))
                .Append(Term.And(outcome.CompletedGuard, Term.Or(
                    completed.Slots.Zip(outcome2.Completed.Slots, Term.Ne)
                        .Append(Term.And(vmm.Allocator.InAllocation(x),
                            Term.Ne(Term.Select(completed.Memory(vmm.Storage), x), Term.Select(outcome2.Completed.Memory(vmm.Storage), x))))))));
        var violated = Term.Or(fetchMismatch, outcome.HaltedGuard, controlChanged, writesOutside, readsOutside);
        var statement = $"∀ allocation, v. decodes(v, {instruction.Name}) → the real user-mode step from f(v) keeps mode, resources and machine memory outside the allocation, or enters the VMM";
        return Build(instruction, part, ObligationProperty.ResourceControl, statement, [virtualStep.Decodes, violated], v, [m, m2],
        [
            Start(v, m, x),
            States("the real step (when it completes)", "real f(v)", "after the real step", real, completed, x),
            Outcomes("how the real step ends, with two machine memories that differ only outside the allocation", "with m.", "with m2.", outcome, outcome2),
        ]);
    }

    private Term Usr(SymbolicState s) =>
        _model.Roles.UserPredicate is { } user ? SymbolicExecutor.EvaluatePure(user, s) : Term.Not(SymbolicExecutor.IsSupervisor(_model, s));

    private static Term Masked(SymbolicState a, SymbolicState b, int slot, ulong mask)
    {
        if (mask == 0) return Term.False;
        var width = a.Slots[slot].Width;
        var m = Term.Bv(mask, width);
        return Term.Ne(Term.BvAnd(a.Slots[slot], m), Term.BvAnd(b.Slots[slot], m));
    }

    private Obligation Build(InstructionDecl instruction, ObligationPart? part, ObligationProperty property, string statement, IReadOnlyList<Term> body,
        SymbolicState v, IReadOnlyList<Term> machineMemories, IReadOnlyList<CounterexampleSection> sections)
    {
        // A part of a split obligation asserts its case condition; the field tests it decides are assumed in the rewrite.
        if (part is not null) body = [Term.And(part.Condition, part.Link), .. body];
        var memory = new MemoryDefinition(v.Memory(vmm.Storage), machineMemories, vmm.Allocator);
        var order = new StructuralFingerprints();
        List<Term> formula = [vmm.Allocator.AllocationIsValid, .. body];
        var lemmas = LemmaInstantiation.Instantiate(vmm.Allocator, v, formula, order);
        // The part's condition (index 1) is rewritten without the part's assumptions: it is what justifies them.
        var assertions = SplitByCases(formula, lemmas.Instances, vmm.Allocator.CaseSplits(v), part?.Assumptions, part is null ? -1 : 1, memory, order);
        // Counterexample rows are shown, not asserted: rewritten with the memory definitions (so that machine memory
        // inside the allocation shows the guest's bytes) but without a case's assumptions.
        var rows = new TermRewriter(baseRead: memory.Read, order: order);
        var shown = sections.Select(section => section with
        {
            Rows = [.. section.Rows.Select(r => r with { Left = rows.Rewrite(r.Left), Right = rows.Rewrite(r.Right) })],
        }).ToList();
        var name = $"{_model.Name}: {instruction.Name} {property.FileName()}{(part is null ? "" : " " + part.Label)} (negated: sat = counterexample)";
        var obligation = new Obligation(instruction, property, statement, new Query([.. assertions], [], name), shown) { Lemmas = lemmas.Used, Part = part, FileStem = InstructionFiles.Stem(_model, instruction) };
        return vmm.Allocator.ReducesMemoryReads ? MemoryReadElimination.Apply(obligation, order) : obligation;
    }

    /// <summary>
    /// The conjunction of <paramref name="assertions"/> and the lemma instances <paramref name="facts"/>, rewritten
    /// (<see cref="TermRewriter"/>: memory definitions, sums, reads over writes) once per case of the allocator's case
    /// splits with the case's values assumed, as ⋁ cases (case ∧ facts and assertions rewritten under it). In each case
    /// the facts are rewritten first, and their two-literal clauses (<see cref="ImpliedLiterals"/>) simplify the
    /// assertions' ites: equivalent where the facts hold, which is everywhere (they are instances of proved lemmas),
    /// and the facts stay asserted. Terms that come out the same in every case stay outside.
    /// </summary>
    private static List<Term> SplitByCases(IReadOnlyList<Term> assertions, IReadOnlyList<Term> facts, IReadOnlyList<Term> splits,
        IReadOnlyDictionary<Term, Term>? assumed, int partCondition, MemoryDefinition memory, StructuralFingerprints order)
    {
        var cases = new List<(Term Condition, Term[] Rewritten)>();
        for (var k = 0; k < 1 << splits.Count; k++)
        {
            var values = splits.Select((atom, bit) => (atom, value: Term.Bool((k >> bit & 1) == 1))).ToDictionary(p => p.atom, p => p.value);
            var condition = Term.And(values.Select(p => p.Value.IsTrue ? p.Key : Term.Not(p.Key)));
            var plain = new TermRewriter(new Dictionary<Term, Term>(values), memory.Read, order);
            foreach (var (atom, value) in assumed ?? new Dictionary<Term, Term>())
            {
                values.TryAdd(atom, value);
                // The formula's copies of an assumed term are rewritten before they are looked up: assume the rewritten form too.
                if (plain.Rewrite(atom) is { IsConst: false } rewritten) values.TryAdd(rewritten, value);
            }
            var rewrittenFacts = facts.Select(new TermRewriter(values, memory.Read, order).Rewrite).ToArray();
            var rewriter = new TermRewriter(values, memory.Read, order, implied: new ImpliedLiterals(rewrittenFacts));
            cases.Add((condition, [.. rewrittenFacts, .. assertions.Select((a, i) => i == partCondition ? plain.Rewrite(a) : rewriter.Rewrite(a))]));
        }
        var count = facts.Count + assertions.Count;
        var common = Enumerable.Range(0, count).Where(i => cases.All(c => ReferenceEquals(c.Rewritten[i], cases[0].Rewritten[i]))).ToHashSet();
        var result = common.Order().Select(i => cases[0].Rewritten[i]).ToList();
        if (common.Count < count)
            result.Add(Term.Or(cases.Select(c => Term.And(c.Rewritten.Where((_, i) => !common.Contains(i)).Prepend(c.Condition)))));
        return result;
    }

    private CounterexampleSection Start(SymbolicState v, Term m, Term x)
    {
        var rows = new List<CounterexampleRow>();
        for (var s = 0; s < _model.StateSlots; s++) rows.Add(new CounterexampleRow("v." + _layout.SlotNames[s], v.Slots[s], v.Slots[s]));
        var allocatorSymbols = TermTraversal.FreeVariables([vmm.Allocator.AllocationIsValid]);
        rows.AddRange(allocatorSymbols.Select(t => new CounterexampleRow(t.Name!, t, t)));
        rows.Add(new CounterexampleRow("x (compared address)", x, x));
        rows.Add(new CounterexampleRow("machine memory[x]", Term.Select(m, x), Term.Select(m, x)));
        return new CounterexampleSection("virtual state v and allocation", "value", null, rows);
    }

    private CounterexampleSection Pair(string title, string left, string right, VmmView a, VmmView b, Term x)
    {
        var rows = new List<CounterexampleRow>();
        for (var s = 0; s < a.RealSlots.Length; s++) rows.Add(new CounterexampleRow("real " + _layout.SlotNames[s], a.RealSlots[s], b.RealSlots[s]));
        var names = VirtualOnlyNames();
        for (var k = 0; k < a.VirtualOnlySlots.Length; k++) rows.Add(new CounterexampleRow("virtual " + names[k], a.VirtualOnlySlots[k], b.VirtualOnlySlots[k]));
        rows.Add(new CounterexampleRow("machine memory[x]", a.MachineMemoryAt(x), b.MachineMemoryAt(x)));
        rows.Add(new CounterexampleRow("VM halted", a.Halted, b.Halted));
        rows.Add(new CounterexampleRow("real machine halted (control lost)", a.ControlLost, b.ControlLost));
        return new CounterexampleSection(title, left, right, rows);
    }

    private CounterexampleSection States(string title, string left, string right, SymbolicState a, SymbolicState b, Term x)
    {
        var rows = Enumerable.Range(0, _model.StateSlots)
            .Select(s => new CounterexampleRow(_layout.SlotNames[s], a.Slots[s], b.Slots[s]))
            .Append(new CounterexampleRow("machine memory[x]", Term.Select(a.Memory(vmm.Storage), x), Term.Select(b.Memory(vmm.Storage), x)))
            .ToList();
        return new CounterexampleSection(title, left, right, rows);
    }

    private static CounterexampleSection Outcomes(string title, string left, string right, StepOutcome a, StepOutcome b)
    {
        var rows = new List<CounterexampleRow>
        {
            new("completes", a.CompletedGuard, b.CompletedGuard),
            new("halts", a.HaltedGuard, b.HaltedGuard),
        };
        foreach (var e in a.Traps.Select(t => t.Exception).Union(b.Traps.Select(t => t.Exception)))
            rows.Add(new CounterexampleRow("traps " + e.Name, a.TrapGuardOf(e), b.TrapGuardOf(e)));
        return new CounterexampleSection(title, left, right, rows);
    }

    private IReadOnlyList<string> VirtualOnlyNames()
    {
        var direct = new Virtualizability.Vmm.RegisterPartition(_model, vmm.Allocator.ExtraVirtualized).Direct
            .SelectMany(r => Enumerable.Range(r.Slot, r.Count)).ToHashSet();
        return [.. Enumerable.Range(0, _model.StateSlots).Where(s => !direct.Contains(s)).Select(s => _layout.SlotNames[s])];
    }
}
