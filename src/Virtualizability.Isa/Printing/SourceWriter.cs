using System.Text;

namespace Virtualizability.Isa.Printing;

/// <summary>Indented line output for the printer.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    public void Line(string text = "")
    {
        if (text.Length > 0) _sb.Append(' ', 2 * _indent).Append(text);
        _sb.Append('\n');
    }

    /// <summary>Starts `header {` and indents; an empty header opens a bare block.</summary>
    public void Open(string header)
    {
        Line(header.Length == 0 ? "{" : header + " {");
        _indent++;
    }

    public void Close()
    {
        _indent--;
        Line("}");
    }

    /// <summary>Dedents without writing `}`: the next header starts with it (`} else {`).</summary>
    public void CloseInline() => _indent--;

    public override string ToString() => _sb.ToString();
}
