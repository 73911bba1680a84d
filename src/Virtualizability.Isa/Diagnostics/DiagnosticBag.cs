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

    /// <summary>
    /// Diagnostics in source order within each file (parser and binder find them in separate passes), files in
    /// the order they were first reported.
    /// </summary>
    public ImmutableArray<Diagnostic> ToImmutable()
    {
        var fileOrder = new Dictionary<string, int>();
        foreach (var d in _items) fileOrder.TryAdd(d.Span.File, fileOrder.Count);
        return [.. _items.OrderBy(d => fileOrder[d.Span.File]).ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column)];
    }
}
