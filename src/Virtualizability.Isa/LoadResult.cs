using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Isa;

/// <summary>The outcome of loading a spec: the model when there were no errors, and every diagnostic.</summary>
public sealed record LoadResult(Ir.IsaModel? Model, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool Succeeded => Model is not null && !Diagnostics.Any(d => d.Severity == Severity.Error);
}
