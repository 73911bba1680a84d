using Virtualizability.Analysis;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Skeletons;

/// <summary>What to generate: the spec, the checker's verdicts on it, and where the output and the libraries are.</summary>
public sealed record SkeletonRequest(
    IsaModel Model,
    DefinitionReport Classification,
    string OutputDirectory,
    string Namespace,
    bool Hybrid,
    /// <summary>The repository root holding src/Virtualizability.Execution (the generated project references it by path).</summary>
    string LibraryRoot)
{
    /// <summary>Generate even when the checker could not decide the theorem (timeouts); the undecided instructions are listed in the skeleton.</summary>
    public bool AllowUndecided { get; init; }
}

/// <summary>One generated file, its path relative to the output directory.</summary>
public sealed record GeneratedFile(string Path, string Text);

/// <summary>Theorem 1 fails (or, with --hybrid, Theorem 3 too, or a verdict is unknown): no skeleton is written.</summary>
public sealed class SkeletonRefusedException(string message, IReadOnlyList<string> violations) : Exception(message)
{
    public IReadOnlyList<string> Violations { get; } = violations;
}
