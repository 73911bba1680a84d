using Virtualizability.Isa.Ir;

namespace Virtualizability.Analysis;

/// <summary>The classification of one instruction under one definition (docs/definitions.md).</summary>
public sealed record InstructionResult(
    InstructionDecl Instruction,
    Answer Privileged,
    Answer ControlSensitive,
    Answer ModeSensitive,
    Answer LocationSensitive,
    Answer UserSensitive,
    Answer Innocuous,
    Answer TimeDependent,
    /// <summary>Some word is sensitive and not privileged (per-state: some word fails the per-state condition).</summary>
    Answer Violation,
    /// <summary>The same for Theorem 3: user-sensitive and not privileged (per-state: first or last conjunct fails).</summary>
    Answer HybridViolation,
    IReadOnlyList<string> InternalErrors)
{
    public string Name => Instruction.Name;

    /// <summary>Theorem 2's extra condition fails here: a guest can read time directly.</summary>
    public Answer RevealsTime => Answer.And(TimeDependent, Privileged.Negate());
}

/// <summary>The verdicts of one definition over the selected instructions.</summary>
public sealed record DefinitionReport(
    Definition Definition,
    IReadOnlyList<InstructionResult> Instructions,
    Answer Virtualizable,
    Answer RecursivelyVirtualizable,
    Answer HybridVirtualizable)
{
    public IEnumerable<InstructionResult> Violations => Instructions.Where(i => i.Violation.IsYes);
    public IEnumerable<InstructionResult> HybridViolations => Instructions.Where(i => i.HybridViolation.IsYes);
}

/// <summary>A whole check: one report per requested definition.</summary>
public sealed record SpecReport(IsaModel Model, IReadOnlyList<DefinitionReport> Definitions, TimeSpan Elapsed)
{
    public IEnumerable<string> InternalErrors =>
        Definitions.SelectMany(d => d.Instructions).SelectMany(i => i.InternalErrors).Distinct();
}
