using System.Collections.Immutable;

namespace Virtualizability.Isa.Diagnostics;

/// <summary>Collects diagnostics of one load; shared by the loader, parser and binder.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public int ErrorCount { get; private set; }

    public void Error(DiagnosticCode code, SourceSpan span, string message)
    {
        _items.Add(new Diagnostic(code, Severity.Error, span, message));
        ErrorCount++;
    }

    public ImmutableArray<Diagnostic> ToImmutable() => [.. _items];
}
