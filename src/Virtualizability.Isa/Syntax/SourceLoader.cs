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
        try
        {
            if (new FileInfo(full).Length > MaxFileBytes)
            {
                diagnostics.Error(DiagnosticCodes.FileTooLarge, where, $"'{path}' is larger than {MaxFileBytes / (1024 * 1024)} MiB");
                return [];
            }
            var bytes = File.ReadAllBytes(full);
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
            var directory = Path.GetDirectoryName(fullPath) ?? ".";
            var targetFull = Path.GetFullPath(Path.Combine(directory, include.Path));
            var displayDirectory = Path.GetDirectoryName(displayName) ?? "";
            var targetDisplay = DisplayPath(Path.Combine(displayDirectory, include.Path), targetFull);
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

    /// <summary>
    /// The name diagnostics show for an included file: relative paths stay relative (as the user typed the spec's
    /// path) but without "dir/../" detours, so "isa-specs/variants/../common/x.isa" shows as "isa-specs/common/x.isa".
    /// </summary>
    private static string DisplayPath(string combined, string fullPath) =>
        Path.IsPathRooted(combined) ? fullPath : Path.GetRelativePath(Directory.GetCurrentDirectory(), fullPath);

}
