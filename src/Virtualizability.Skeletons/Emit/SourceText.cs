using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Skeletons.Emit;

/// <summary>The spec's own lines for a declaration, to put in comments next to the code generated from it.</summary>
internal sealed class SourceText
{
    private readonly Dictionary<string, string[]?> _files = new();

    /// <summary>"file:line" and the lines of the span, or only the location when the file cannot be read.</summary>
    public string Of(SourceSpan span)
    {
        var location = $"{Path.GetFileName(span.File)}:{span.Line}";
        if (!_files.TryGetValue(span.File, out var lines))
        {
            try
            {
                lines = File.ReadAllLines(span.File);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                lines = null;
            }
            _files[span.File] = lines;
        }
        if (lines is null || span.Line < 1 || span.Line > lines.Length) return location;
        var end = Math.Clamp(span.EndLine, span.Line, lines.Length);
        var text = lines[(span.Line - 1)..end];
        var indent = text.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return location + "\n" + string.Join("\n", text.Select(l => "    " + (l.Length >= indent ? l[indent..] : l.TrimStart()).TrimEnd()));
    }
}
