namespace Virtualizability.Isa.Diagnostics;

/// <summary>A range in a source file; lines and columns are 1-based, the end is exclusive.</summary>
public readonly record struct SourceSpan(string File, int Line, int Column, int EndLine, int EndColumn)
{
    public static readonly SourceSpan None = new("<none>", 0, 0, 0, 0);

    public override string ToString() => $"{File}:{Line}:{Column}";
}
