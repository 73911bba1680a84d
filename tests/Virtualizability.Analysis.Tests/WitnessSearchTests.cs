using System.Collections.Immutable;
using Virtualizability.Analysis.Caching;
using Virtualizability.Analysis.Replay;
using Virtualizability.Analysis.Search;
using Virtualizability.Analysis.Symbolic;
using Virtualizability.Execution;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Solving.Z3;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Analysis.Tests;

/// <summary>
/// The concrete witness search before the solver (docs/definitions.md, "How the checker asks"): it changes which
/// witnesses are shown and how fast, never a verdict; what it finds the solver also finds. Category "Search".
/// </summary>
[Trait("Category", "Search")]
public class WitnessSearchTests
{
    private static readonly (PropertyKind Kind, Domain Domain)[] Questions =
    [
        (PropertyKind.NotPrivileged, Domain.AllStates), (PropertyKind.ControlSensitive, Domain.AllStates),
        (PropertyKind.ModeSensitive, Domain.AllStates), (PropertyKind.LocationSensitive, Domain.AllStates),
        (PropertyKind.ControlSensitive, Domain.UserStates), (PropertyKind.ModeSensitive, Domain.UserStates),
        (PropertyKind.LocationSensitive, Domain.UserStates), (PropertyKind.TimeDependent, Domain.UserStates),
        (PropertyKind.PerStateControl, Domain.UserStates), (PropertyKind.PerStateMode, Domain.UserStates),
        (PropertyKind.PerStateLocation, Domain.UserStates),
    ];

    [Theory]
    [InlineData("pg-machine.isa")]
    [InlineData("variants/pg-jrst.isa")]
    [InlineData("variants/pg-modenop.isa")]
    [InlineData("variants/pg-readr.isa")]
    [InlineData("pdp10.isa")]
    [InlineData("armv7a.isa")]
    public void With_and_without_the_search_every_answer_and_theorem_is_the_same(string spec)
    {
        var model = Specs.Load(spec);
        var searched = SpecAnalyzer.Check(model, new AnalysisOptions { Definitions = Definitions.All });
        var solverOnly = SpecAnalyzer.Check(model, new AnalysisOptions { Definitions = Definitions.All, ConcreteSearch = false });
        Assert.Empty(searched.InternalErrors);
        Assert.Empty(solverOnly.InternalErrors);
        foreach (var (a, b) in searched.Definitions.Zip(solverOnly.Definitions))
        {
            Assert.Equal(b.Virtualizable.Verdict, a.Virtualizable.Verdict);
            Assert.Equal(b.HybridVirtualizable.Verdict, a.HybridVirtualizable.Verdict);
            Assert.Equal(b.RecursivelyVirtualizable.Verdict, a.RecursivelyVirtualizable.Verdict);
            foreach (var (x, y) in a.Instructions.Zip(b.Instructions))
            {
                Assert.Equal(Verdicts(y), Verdicts(x));
                Assert.DoesNotContain(Verdict.Unknown, Verdicts(x));
                // A "yes" shows a replayed witness either way.
                Assert.Equal(y.Violation.Witness is null, x.Violation.Witness is null);
            }
        }
    }

    private static Verdict[] Verdicts(InstructionResult r) =>
    [
        r.Privileged.Verdict, r.ControlSensitive.Verdict, r.ModeSensitive.Verdict, r.LocationSensitive.Verdict,
        r.UserSensitive.Verdict, r.Innocuous.Verdict, r.TimeDependent.Verdict, r.Violation.Verdict, r.HybridViolation.Verdict,
    ];

    /// <summary>
    /// Every witness the search finds on these instructions satisfies the property's formula: the query with the word,
    /// the start state (registers and whole memories), the offset and the second state fixed to the claim's is sat.
    /// The replay is no laxer than the formulas.
    /// </summary>
    [Theory]
    [InlineData("pg-machine.isa", new[] { "LPSW", "LW", "SW", "GETR", "JAL" })]
    [InlineData("variants/pg-jrst.isa", new[] { "RETU" })]
    [InlineData("pdp10.isa", new[] { "MOVE", "MOVES", "CAM", "JRSTF", "DATAI", "PUSH" })]
    [InlineData("mips32.isa", new[] { "LW", "SW", "ADDU", "MFC0", "RDHWR" })]
    [InlineData("riscv.isa", new[] { "CSRRS", "LW", "ADD" })]
    public void Every_witness_the_search_finds_is_sat_for_the_solver(string spec, string[] instructions)
    {
        var model = Specs.Load(spec);
        var isa = CompiledIsa.Compile(model);
        var layout = StateLayout.Of(model);
        var search = new WitnessSearch(isa, layout, new WitnessReplayer(isa));
        var checkedClaims = 0;
        foreach (var name in instructions)
        {
            var instruction = model.Instruction(name) ?? throw new ArgumentException(name);
            var asked = Questions.Where(q => model.VmMap is not null || q.Kind is not (PropertyKind.LocationSensitive or PropertyKind.PerStateLocation))
                .Where(q => layout.HasTime || q.Kind != PropertyKind.TimeDependent);
            foreach (var (q, found) in search.Find(instruction, asked))
            {
                var word = SymbolicWord.For(model, instruction);
                var claim = new Formulas(model, layout, word).Build(q.Kind, q.Domain, "s.");
                var fixedClaim = Fixed(word, claim, found.Claim);
                var result = new Z3InProcessBackend().Check(new Query([.. fixedClaim], [], $"{name} {q}"), TimeSpan.FromSeconds(30));
                Assert.True(result is SolverResult.Sat, $"{spec} {name} {q.Kind} on {q.Domain}: the solver says {result} to the search's witness");
                checkedClaims++;
            }
        }
        Assert.True(checkedClaims > 0, "the search found nothing to check");
    }

    // Decodes ∧ w = the claim's word ∧ every start slot and memory, the offset and the second state as the claim's ∧ holds.
    private static IEnumerable<Term> Fixed(SymbolicWord word, Claim claim, ConcreteClaim concrete)
    {
        yield return word.Decodes;
        yield return word.Is(concrete.Word);
        foreach (var t in Same(claim.Start, concrete.Start, claim.Holds)) yield return t;
        if (claim.Offset is { } x) yield return Term.Eq(x, Term.Bv(concrete.Offset!.Value, x.Width));
        if (claim.Other is { } other) foreach (var t in Same(other, concrete.Other!, claim.Holds)) yield return t;
        yield return claim.Holds;
    }

    /// <summary>
    /// The state's registers equal to the values; its memories equal to theirs wherever the formula reads them. The
    /// formulas read a start memory only through selects (Term.ReadOverWrite leaves no array equality), so fixing
    /// every select of the memory symbol in <paramref name="formula"/> fixes all that the formula can observe of it,
    /// without an array equality (z3 gives up on those next to the moved memories: "incomplete (theory array)").
    /// </summary>
    private static IEnumerable<Term> Same(Smt.Symbolic.SymbolicState state, ConcreteState values, Term formula)
    {
        for (var i = 0; i < state.Slots.Length; i++) yield return Term.Eq(state.Slots[i], Term.Bv(values.Slots[i], state.Slots[i].Width));
        var memories = Enumerable.Range(0, state.Memories.Length).ToDictionary(i => state.Memories[i], i => values.Memories[i]);
        foreach (var t in TermTraversal.PostOrder([formula]))
        {
            if (t.Kind == TermKind.Select && memories.TryGetValue(t.Args[0], out var memory))
                yield return Term.Eq(t, Read(memory, t.Args[1]));
            else
                Assert.False(t.Kind is TermKind.Store or TermKind.ArrayShift or TermKind.Eq && t.Args.Any(memories.ContainsKey),
                    "the formula uses a start memory other than through a select");
        }
    }

    // The concrete memory read at a symbolic address: its entries as cases, the default otherwise.
    private static Term Read(ArrayValue memory, Term address) =>
        memory.Entries.Aggregate(Term.Bv(memory.Default, memory.ElementWidth), (rest, e) =>
            Term.Ite(Term.Eq(address, Term.Bv(e.Key, memory.IndexWidth)), Term.Bv(e.Value, memory.ElementWidth), rest));

    [Fact]
    public void The_search_is_reproducible()
    {
        var model = Specs.Load("pdp10.isa");
        var isa = CompiledIsa.Compile(model);
        var layout = StateLayout.Of(model);
        var instruction = model.Instruction("MOVES")!;
        string Run() => string.Join("\n", new WitnessSearch(isa, layout, new WitnessReplayer(isa)).Find(instruction, Questions)
            .OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value.Claim.Word:x} {string.Join(",", p.Value.Claim.Start.Slots)} {p.Value.Claim.Offset}"));
        var first = Run();
        Assert.NotEmpty(first);
        Assert.Equal(first, Run());
    }

    [Fact]
    public void A_hardwired_register_with_another_value_is_a_mismatch()
    {
        // The fresh symbolic state has GPR[0] as the constant 0; the executable model reads the slot as it is.
        var model = Specs.Load("mips32.isa");
        var isa = CompiledIsa.Compile(model);
        var replayer = new WitnessReplayer(isa);
        var found = new WitnessSearch(isa, StateLayout.Of(model), replayer).Find(model.Instruction("ADDU")!, [(PropertyKind.NotPrivileged, Domain.AllStates)]);
        var claim = found[(PropertyKind.NotPrivileged, Domain.AllStates)].Claim;
        Assert.True(replayer.Replay(claim).Confirmed);
        var r0 = model.Register("GPR")!.Slot;
        var bad = claim.Start with { Slots = claim.Start.Slots.SetItem(r0, 5) };
        Assert.Contains("hardwired", replayer.Replay(claim with { Start = bad, Other = bad }).Mismatch);
    }

    [Fact]
    public void The_cache_key_says_whether_the_search_ran()
    {
        var model = Specs.Load("pg-machine.isa");
        var instruction = model.Instruction("LW")!;
        var on = new ResultCache.ModelKeys(model, new AnalysisOptions()).For(instruction, Definition.Classic);
        var off = new ResultCache.ModelKeys(model, new AnalysisOptions { ConcreteSearch = false }).For(instruction, Definition.Classic);
        Assert.NotEqual(on, off);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Pg_machine_lpsw_without_its_privilege_check_is_reported_with_a_witness_either_way(bool search)
    {
        var mutant = MutationTests.Mutated("pg-machine.isa", "common/pg-core.isa", "  privileged();\n  let a = translate(G[rb] + imm, 8);", "  let a = translate(G[rb] + imm, 8);");
        var report = SpecAnalyzer.Check(mutant, new AnalysisOptions { Definitions = Definitions.All, Instructions = ["LPSW"], ConcreteSearch = search });
        Assert.Empty(report.InternalErrors);
        foreach (var definition in report.Definitions)
        {
            var row = definition.Row("LPSW");
            Assert.Equal(Verdict.Yes, row.Violation.Verdict);
            Assert.NotNull(row.Violation.Witness);
            if (definition.Definition == Definition.PerState) continue;
            Assert.Equal(Verdict.No, row.Privileged.Verdict);
            Assert.Equal(row.Violation.Witness!.Word, row.Violation.SecondWitness!.Word);
        }
    }

    /// <summary>
    /// With a solver that answers nothing, the search still answers what it confirms, and only "yes" (with a replayed
    /// witness): every "no" needs the solver's unsat, so the rest stays unknown.
    /// </summary>
    [Fact]
    public void Without_the_solver_the_search_answers_only_yes()
    {
        var report = SpecAnalyzer.Check(Specs.Load("pg-machine.isa"), new AnalysisOptions { Solver = new UndecidedTests.AlwaysTimesOut(), Definitions = Definitions.All });
        Assert.Empty(report.InternalErrors);
        var rows = report.Definitions.SelectMany(d => d.Instructions).ToList();
        foreach (var r in rows)
        {
            foreach (var a in new[] { r.ControlSensitive, r.ModeSensitive, r.LocationSensitive })   // pg-machine has no time state: that one is "no" by definition
                Assert.True(a.IsUnknown || a.IsYes && a.Witness is not null, $"{r.Name}: {a.Verdict}");
            Assert.NotEqual(Verdict.Yes, r.Privileged.Verdict);
            Assert.NotEqual(Verdict.No, r.Violation.Verdict);
        }
        Assert.Contains(rows, r => r.Privileged.IsNo && r.Privileged.Witness is not null);
        Assert.Contains(rows, r => r.LocationSensitive.IsYes);
    }
}
