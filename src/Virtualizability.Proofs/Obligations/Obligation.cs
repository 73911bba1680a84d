using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Lemmas;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Obligations;

/// <summary>The three properties a VMM must have (Popek and Goldberg's equivalence, efficiency, resource control).</summary>
public enum ObligationProperty { Equivalence, Efficiency, ResourceControl }

public static class ObligationProperties
{
    /// <summary>The property's name in file names and the manifest.</summary>
    public static string FileName(this ObligationProperty property) => property switch
    {
        ObligationProperty.Equivalence => "equivalence",
        ObligationProperty.Efficiency => "efficiency",
        ObligationProperty.ResourceControl => "resource-control",
        _ => throw new ArgumentOutOfRangeException(nameof(property)),
    };
}

/// <summary>One row of a counterexample: a name and its value in each of the two states shown side by side.</summary>
public sealed record CounterexampleRow(string Name, Term Left, Term Right);

/// <summary>A group of rows: the starting state alone (Right null), or a pair of states to compare.</summary>
public sealed record CounterexampleSection(string Title, string LeftName, string? RightName, IReadOnlyList<CounterexampleRow> Rows);

/// <summary>
/// One proof obligation: the query asserts its negation (unsat = proved). The sections say how to show a model of the
/// query as a readable pair of states.
/// </summary>
public sealed record Obligation(
    InstructionDecl Instruction,
    ObligationProperty Property,
    string Statement,
    Query Negation,
    IReadOnlyList<CounterexampleSection> Counterexample)
{
    public string FileName => $"{FileStem}.{Property.FileName()}{(Part is null ? "" : "." + LabelInFileName(Part.Label))}.smt2";

    /// <summary>A part's label names exceptions, which a spec may name at any length (<see cref="InstructionFiles.Bounded"/>).</summary>
    private static string LabelInFileName(string label) => InstructionFiles.Bounded(label, 100);

    /// <summary>The instruction's file stem in its spec (<see cref="InstructionFiles"/>): its name unless that equals an earlier one's but for case.</summary>
    public string FileStem { get; init; } = Instruction.Name;

    /// <summary>The part of an obligation split on encoding fields this query is; null for a whole obligation.</summary>
    public ObligationPart? Part { get; init; }

    /// <summary>The allocator lemmas whose instances the query asserts: the obligation is proved only if they are.</summary>
    public IReadOnlyList<AllocatorLemma> Lemmas { get; init; } = [];
}
