using Virtualizability.Analysis.Replay;
using Virtualizability.Analysis.Symbolic;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Analysis;

/// <summary>
/// Classifies one instruction under the requested definitions. Each existential question (property, domain) is
/// asked once and shared between definitions; the Theorem 1 and 3 violations are single queries over one word
/// (∃w, s₁, s₂: sensitive(w, s₁) ∧ not-privileged(w, s₂)).
/// </summary>
internal sealed class InstructionAnalyzer
{
    private readonly IsaModel model;
    private readonly StateLayout layout;
    private readonly InstructionDecl instruction;
    private readonly SymbolicWord word;
    private readonly Formulas formulas;
    private readonly QueryRunner runner;
    private readonly Dictionary<(PropertyKind, Domain), (Query? Query, Answer Answer)> cache = new();

    public InstructionAnalyzer(IsaModel model, StateLayout layout, InstructionDecl instruction, WitnessReplayer replayer, AnalysisOptions options)
    {
        this.model = model;
        this.layout = layout;
        this.instruction = instruction;
        word = SymbolicWord.For(model, instruction);
        formulas = new Formulas(model, layout, word);
        runner = new QueryRunner(options, replayer, model.Name, instruction.Name);
    }

    public InstructionResult Analyze(Definition definition)
    {
        var d = definition.Name();
        var privileged = Ask(PropertyKind.NotPrivileged, Domain.AllStates, d).Negate();
        var time = layout.HasTime ? Ask(PropertyKind.TimeDependent, Domain.UserStates, d) : Answer.No();
        Answer control, mode, location, userSensitive, violation, hybrid;
        if (definition == Definition.PerState)
        {
            control = Ask(PropertyKind.PerStateControl, Domain.UserStates, d);
            mode = Ask(PropertyKind.PerStateMode, Domain.UserStates, d);
            location = Ask(PropertyKind.PerStateLocation, Domain.UserStates, d);
            userSensitive = Answer.Or(control, location);
            // Per-state needs no privilege: an instruction passes when every non-trapping user execution is innocuous.
            violation = Answer.Or(Answer.Or(control, mode), location);
            hybrid = userSensitive;
        }
        else
        {
            var domain = definition == Definition.Classic ? Domain.AllStates : Domain.UserStates;
            control = Ask(PropertyKind.ControlSensitive, domain, d);
            mode = Ask(PropertyKind.ModeSensitive, domain, d);
            location = Ask(PropertyKind.LocationSensitive, domain, d);
            var userControl = Ask(PropertyKind.ControlSensitive, Domain.UserStates, d);
            var userLocation = Ask(PropertyKind.LocationSensitive, Domain.UserStates, d);
            userSensitive = Answer.Or(userControl, userLocation);
            violation = Violation(privileged, domain, [(PropertyKind.ControlSensitive, control), (PropertyKind.ModeSensitive, mode), (PropertyKind.LocationSensitive, location)], "violation-t1", d);
            hybrid = Violation(privileged, Domain.UserStates, [(PropertyKind.ControlSensitive, userControl), (PropertyKind.LocationSensitive, userLocation)], "violation-t3", d);
        }
        var sensitive = Answer.Or(Answer.Or(control, mode), location);
        return new InstructionResult(instruction, privileged, control, mode, location, userSensitive, sensitive.Negate() with { Witness = null },
            time, violation, hybrid, [.. runner.InternalErrors.Distinct()]);
    }

    private Answer Ask(PropertyKind kind, Domain domain, string definition)
    {
        if (!cache.TryGetValue((kind, domain), out var entry))
        {
            entry = Compute(kind, domain);
            cache[(kind, domain)] = entry;
        }
        if (entry.Query is { } q) runner.Emit(q, kind.Name() + (domain == Domain.UserStates && IsSensitivity(kind) ? "-user" : ""), definition);
        return entry.Answer;
    }

    private static bool IsSensitivity(PropertyKind kind) =>
        kind is PropertyKind.ControlSensitive or PropertyKind.ModeSensitive or PropertyKind.LocationSensitive;

    private (Query?, Answer) Compute(PropertyKind kind, Domain domain)
    {
        if (kind is PropertyKind.LocationSensitive or PropertyKind.PerStateLocation && model.VmMap is null)
            return (null, Answer.Unknown("the spec declares no vmmap, so location-sensitivity is undefined"));
        try
        {
            var claim = formulas.Build(kind, domain, "s.");
            var query = new Query([word.Decodes, claim.Holds], [], $"{model.Name}.{instruction.Name}: {kind.Name()} on {domain.Name()}");
            var result = runner.Solve(query);
            return (query, result switch
            {
                SolverResult.Unsat => Answer.No(),
                SolverResult.Sat sat => runner.Replay(runner.Concretize(claim, word, sat.Model)) is { } w ? Answer.Yes(w) : runner.ReplayFailed(kind),
                _ => QueryRunner.Undecided(result),
            });
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            runner.InternalErrors.Add($"{instruction.Name}: {kind.Name()} could not be encoded: {e.Message}");
            return (null, Answer.Unknown($"internal error: {e.Message}"));
        }
    }

    private Answer Violation(Answer privileged, Domain domain, (PropertyKind Kind, Answer Answer)[] components, string property, string definition)
    {
        if (privileged.IsYes) return Answer.No();
        var open = components.Where(c => !c.Answer.IsNo).Select(c => c.Kind).ToList();
        if (open.Count == 0) return Answer.No();
        try
        {
            var claims = open.Select(k => formulas.Build(k, domain, "s1.")).ToList();
            var notPrivileged = formulas.NotPrivileged("s2.");
            var query = new Query([word.Decodes, Term.Or(claims.Select(c => c.Holds)), notPrivileged.Holds], [],
                $"{model.Name}.{instruction.Name}: one word sensitive on {domain.Name()} and not privileged");
            runner.Emit(query, property, definition);
            var result = runner.Solve(query);
            if (result is SolverResult.Unsat) return Answer.No();
            if (result is not SolverResult.Sat sat) return QueryRunner.Undecided(result);
            var claim = claims.First(c => sat.Model.Holds(c.Holds));
            var sensitive = runner.Replay(runner.Concretize(claim, word, sat.Model));
            var unprivileged = runner.Replay(runner.Concretize(notPrivileged, word, sat.Model));
            if (sensitive is null || unprivileged is null) return runner.ReplayFailed(claim.Kind);
            return Answer.Yes(sensitive) with { SecondWitness = unprivileged };
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            runner.InternalErrors.Add($"{instruction.Name}: {property} could not be encoded: {e.Message}");
            return Answer.Unknown($"internal error: {e.Message}");
        }
    }
}
