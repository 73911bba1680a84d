namespace Virtualizability.Analysis.Witnesses;

/// <summary>A state component or field with its value, as reports print it.</summary>
public sealed record NamedValue(string Name, string Value);

/// <summary>One execution of the witness: the start (only the components that matter) and how it ended.</summary>
public sealed record WitnessRun(string Label, IReadOnlyList<NamedValue> Start, string Outcome);

/// <summary>A component whose value differs between the two results being compared.</summary>
public sealed record Difference(string Component, string First, string Second);

/// <summary>
/// Evidence for one answer, replayed on the executable model: the instruction word and its fields, the runs (start
/// states and outcomes) and the components that differ. Everything here was read off the replay, not the solver.
/// </summary>
public sealed record Witness(
    string Property,
    string Instruction,
    string Word,
    IReadOnlyList<NamedValue> Fields,
    string? Offset,
    IReadOnlyList<WitnessRun> Runs,
    IReadOnlyList<Difference> Differences,
    string Summary);

/// <summary>A Theorem 1 (or 3) violation: one word that is sensitive (first witness) and not privileged (second).</summary>
public sealed record ViolationWitness(string Instruction, Witness Sensitive, Witness NotPrivileged);
