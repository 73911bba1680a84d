using Virtualizability.Isa.Binding;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Syntax;

namespace Virtualizability.Isa;

/// <summary>Loads `.isa` specs into the typed IR. Never throws for bad input: every problem is a diagnostic.</summary>
public static class IsaFrontEnd
{
    public static LoadResult LoadFile(string path)
    {
        path ??= "";
        var diagnostics = new DiagnosticBag();
        var loader = new SourceLoader(diagnostics);
        var decls = loader.LoadFile(path, null);
        return Finish(decls, path, diagnostics);
    }

    /// <summary>Loads text as if it were the file <paramref name="fileName"/>; includes resolve relative to its directory.</summary>
    public static LoadResult LoadText(string text, string fileName)
    {
        text ??= "";
        fileName ??= "spec.isa";
        var diagnostics = new DiagnosticBag();
        var loader = new SourceLoader(diagnostics);
        string full;
        try
        {
            full = Path.GetFullPath(fileName);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            full = Path.GetFullPath("spec.isa");
        }
        var decls = loader.LoadText(text, fileName, full);
        return Finish(decls, fileName, diagnostics);
    }

    private static LoadResult Finish(System.Collections.Immutable.ImmutableArray<DeclSyntax> decls, string file, DiagnosticBag diagnostics)
    {
        if (diagnostics.ErrorCount > 0 && decls.IsEmpty) return new LoadResult(null, diagnostics.ToImmutable());
        Ir.IsaModel? model;
        try
        {
            model = new Binder(diagnostics, file).Bind(decls);
        }
        catch (InsufficientExecutionStackException)
        {
            // A backstop: the parser's nesting limit should make this unreachable.
            diagnostics.Error(DiagnosticCodes.NestingTooDeep, new SourceSpan(file, 1, 1, 1, 1), "the spec is nested too deeply to process");
            model = null;
        }
        return new LoadResult(diagnostics.ErrorCount > 0 ? null : model, diagnostics.ToImmutable());
    }
}
