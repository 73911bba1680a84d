namespace Virtualizability.Isa.Diagnostics;

public enum Severity { Error, Warning }

/// <summary>
/// One located message with a stable code (see docs/diagnostics.md). Printed as
/// <c>file:line:col: error PG0123: message</c>, the format compilers use, so editors can jump to it.
/// </summary>
public sealed record Diagnostic(DiagnosticCode Code, Severity Severity, SourceSpan Span, string Message)
{
    public override string ToString() =>
        $"{Span.File}:{Span.Line}:{Span.Column}: {(Severity == Severity.Error ? "error" : "warning")} {Code.Id}: {Message}";
}

/// <summary>A stable diagnostic code: the number never changes meaning once released.</summary>
public readonly record struct DiagnosticCode(int Number, string Title)
{
    public string Id => $"PG{Number:D4}";
}
