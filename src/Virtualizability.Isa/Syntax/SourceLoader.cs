using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Isa.Syntax;

/// <summary>
/// Reads, lexes and parses the main file and everything it includes, depth first, splicing each included
/// file's declarations in place of its include. Every file is loaded once; an include of a file that is still
/// being loaded is a cycle.
/// </summary>
internal sealed class SourceLoader(DiagnosticBag diagnostics)
{
    public const long MaxFileBytes = 16L * 1024 * 1024;

    private readonly HashSet<string> _loaded = new(StringComparer.Ordinal);
    private readonly List<string> _active = [];

    public ImmutableArray<DeclSyntax> LoadFile(string path, SourceSpan? from)
    {
        var where = from ?? new SourceSpan(path, 1, 1, 1, 1);
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            diagnostics.Error(DiagnosticCodes.CannotReadFile, where, $"cannot read '{path}': {e.Message}");
            return [];
        }
        if (Directory.Exists(full))
        {
            diagnostics.Error(DiagnosticCodes.PathIsDirectory, where, $"'{path}' is a directory, not a file");
            return [];
        }
        if (!File.Exists(full))
        {
            diagnostics.Error(DiagnosticCodes.CannotReadFile, where, $"cannot read '{path}': the file does not exist");
            return [];
        }
        // An include names a spec file in a tree of specs. Opening a named pipe blocks until a writer comes, which may
        // be never, and a device is no spec: both are refused before they are opened. The spec named on the command
        // line may be a pipe (`pgcheck validate <(generate-spec)`): whoever named it is there to feed or interrupt it.
        if (from is not null && FileKind.NotRegular(full) is { } kind)
        {
            diagnostics.Error(DiagnosticCodes.NotRegularFile, where, $"'{path}' is {kind}, not a regular file; an include must name a spec file");
            return [];
        }
        try
        {
            // The length a directory entry reports is no bound: /dev/zero, /dev/urandom and pipes say 0 and never end.
            // Reading at most one byte past the limit keeps memory bounded whatever the path names.
            var bytes = ReadAtMost(full, MaxFileBytes + 1);
            if (bytes.Length > MaxFileBytes)
            {
                diagnostics.Error(DiagnosticCodes.FileTooLarge, where, $"'{path}' is larger than {MaxFileBytes / (1024 * 1024)} MiB");
                return [];
            }
            var text = SourceDecoder.Decode(bytes, path, diagnostics);
            return text is null ? [] : LoadText(text, path, full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            diagnostics.Error(DiagnosticCodes.CannotReadFile, where, $"cannot read '{path}': {e.Message}");
            return [];
        }
    }

    /// <summary>Parses text that came from <paramref name="displayName"/>; includes resolve against <paramref name="fullPath"/>'s directory.</summary>
    public ImmutableArray<DeclSyntax> LoadText(string text, string displayName, string fullPath)
    {
        if (text.Length > MaxFileBytes)
        {
            diagnostics.Error(DiagnosticCodes.FileTooLarge, new SourceSpan(displayName, 1, 1, 1, 1),
                $"'{displayName}' is larger than {MaxFileBytes / (1024 * 1024)} MiB");
            return [];
        }
        if (text.Length == 0)
        {
            diagnostics.Error(DiagnosticCodes.EmptyFile, new SourceSpan(displayName, 1, 1, 1, 1), $"'{displayName}' is empty");
            return [];
        }
        text = LoneCarriageReturnsAsNewlines(text);
        _loaded.Add(fullPath);
        _active.Add(fullPath);
        var decls = new Parser(new Lexer(text, displayName, diagnostics), displayName, diagnostics).ParseFile();
        var result = ImmutableArray.CreateBuilder<DeclSyntax>(decls.Length);
        foreach (var decl in decls)
        {
            if (decl is not IncludeSyntax include)
            {
                result.Add(decl);
                continue;
            }
            if (Resolve(include, fullPath, displayName) is not var (targetFull, targetDisplay)) continue;
            if (_active.Contains(targetFull))
            {
                var chain = _active.SkipWhile(f => f != targetFull).Select(Path.GetFileName).Append(Path.GetFileName(targetFull));
                diagnostics.Error(DiagnosticCodes.IncludeCycle, include.Span, $"include cycle: {string.Join(" -> ", chain)}");
                continue;
            }
            if (_loaded.Contains(targetFull)) continue;
            result.AddRange(LoadFile(targetDisplay, include.Span) is var loaded && loaded.IsEmpty ? [] : loaded);
        }
        _active.RemoveAt(_active.Count - 1);
        return result.ToImmutable();
    }

    /// <summary>The full path of an include and the name diagnostics show for it, or null after reporting a path no file can have.</summary>
    private (string Full, string Display)? Resolve(IncludeSyntax include, string fullPath, string displayName)
    {
        try
        {
            var directory = Path.GetDirectoryName(fullPath) ?? ".";
            var targetFull = Path.GetFullPath(Path.Combine(directory, include.Path));
            var displayDirectory = Path.GetDirectoryName(displayName) ?? "";
            return (targetFull, DisplayPath(Path.Combine(displayDirectory, include.Path), targetFull));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            // A NUL byte in the string, say: the operating system cannot name such a file.
            var why = include.Path.Contains('\0') ? "the path contains a NUL byte, which no file name can contain" : e.Message;
            diagnostics.Error(DiagnosticCodes.CannotReadFile, include.Span, $"cannot read '{include.Path.Replace("\0", "\\0")}': {why}");
            return null;
        }
    }

    /// <summary>
    /// A file with classic Mac line ends (CR alone) is one long line to a lexer that ends lines at LF: its first `//`
    /// comment swallowed the rest, and the file was reported as having no 'isa' declaration. A lone CR becomes LF, one
    /// character for one, so columns and offsets stay as they were; CR LF is left alone (CR is white space).
    /// </summary>
    internal static string LoneCarriageReturnsAsNewlines(string text)
    {
        if (!text.Contains('\r')) return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] == '\r' && (i + 1 == chars.Length || chars[i + 1] != '\n')) chars[i] = '\n';
        return new string(chars);
    }

    private static byte[] ReadAtMost(string path, long limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }

    /// <summary>
    /// The name diagnostics show for an included file: relative paths stay relative (as the user typed the spec's
    /// path) but without "dir/../" detours, so "isa-specs/variants/../common/x.isa" shows as "isa-specs/common/x.isa".
    /// </summary>
    private static string DisplayPath(string combined, string fullPath) =>
        Path.IsPathRooted(combined) ? fullPath : Path.GetRelativePath(Directory.GetCurrentDirectory(), fullPath);

}
