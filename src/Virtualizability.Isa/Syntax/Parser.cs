using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Isa.Syntax;

/// <summary>
/// Recursive-descent parser for one file. Syntax errors are reported once per position and recovered from by
/// skipping to the next `;`, `}` or top-level keyword, so one run reports every error of the file.
/// Nesting is limited to <see cref="MaxDepth"/> so that no later recursive pass can run out of stack.
/// </summary>
internal sealed partial class Parser
{
    public const int MaxDepth = 200;

    private readonly Lexer _lexer;
    private readonly string _file;
    private readonly DiagnosticBag _diagnostics;
    private Token _current;
    private Token? _peek;
    private Token _previous;
    /// <summary>Index of the current token, for reporting one error per position.</summary>
    private int _pos;
    private int _depth;
    private int _lastErrorPos = -1;

    /// <summary>Unwinds to the nearest recovery point after an error has been reported.</summary>
    private sealed class RecoveryException : Exception;

    public Parser(Lexer lexer, string file, DiagnosticBag diagnostics)
    {
        _lexer = lexer;
        _file = file;
        _diagnostics = diagnostics;
        _current = lexer.Next();
        _previous = _current;
    }

    private Token Current => _current;

    /// <summary>The token after the current one (the grammar needs one token of lookahead).</summary>
    private Token PeekNext => _peek ??= _current.Kind == TokenKind.EndOfFile ? _current : _lexer.Next();

    private SourceSpan PreviousSpan => _pos > 0 ? _previous.Span : Current.Span;

    private Token Advance()
    {
        var t = _current;
        if (t.Kind == TokenKind.EndOfFile) return t;
        _previous = t;
        _current = _peek ?? _lexer.Next();
        _peek = null;
        _pos++;
        return t;
    }

    private SourceSpan SpanFrom(SourceSpan start)
    {
        var end = PreviousSpan;
        return end.Line < start.Line || (end.Line == start.Line && end.EndColumn < start.Column)
            ? start
            : new SourceSpan(_file, start.Line, start.Column, end.EndLine, end.EndColumn);
    }

    private bool AtPunct(string p) => Current.IsPunct(p);
    private bool AtKeyword(string k) => Current.IsKeyword(k);
    private bool AtTopLevelKeyword => Current.Kind == TokenKind.Keyword && Keywords.TopLevel.Contains(Current.Text);
    private bool AtEnd => Current.Kind == TokenKind.EndOfFile;

    private bool AcceptPunct(string p)
    {
        if (!AtPunct(p)) return false;
        Advance();
        return true;
    }

    private bool AcceptKeyword(string k)
    {
        if (!AtKeyword(k)) return false;
        Advance();
        return true;
    }

    private Token ExpectPunct(string p) => AtPunct(p) ? Advance() : throw Fail($"expected '{p}'");

    private Token ExpectKeyword(string k) => AtKeyword(k) ? Advance() : throw Fail($"expected '{k}'");

    private Token ExpectIdentifier(string what) =>
        Current.Kind == TokenKind.Identifier ? Advance() : throw Fail($"expected {what}");

    private Token ExpectString(string what) =>
        Current.Kind == TokenKind.String ? Advance() : throw Fail($"expected {what}");

    private RecoveryException Fail(string expected) => Report(DiagnosticCodes.SyntaxError, $"{expected}, found {Current.Describe()}");

    private RecoveryException Report(DiagnosticCode code, string message)
    {
        // One error per token position: recovery often re-trips over the same token.
        if (_pos != _lastErrorPos)
        {
            _diagnostics.Error(code, Current.Span, message);
            _lastErrorPos = _pos;
        }
        return new RecoveryException();
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            throw Report(DiagnosticCodes.NestingTooDeep, $"nesting is deeper than {MaxDepth} levels");
        }
    }

    private void Leave() => _depth--;

    private T Checked<T>(T node) where T : ExprSyntax
    {
        if (node.Depth + _depth > MaxDepth)
            throw Report(DiagnosticCodes.NestingTooDeep, $"expression is nested deeper than {MaxDepth} levels");
        return node;
    }

    /// <summary>Skips to a statement boundary: after `;`, or before `}`, a top-level keyword or the end.</summary>
    private void SynchronizeStatement()
    {
        while (!AtEnd && !AtPunct("}") && !AtTopLevelKeyword)
        {
            if (Advance().IsPunct(";")) return;
        }
    }

    private void SynchronizeTopLevel()
    {
        Advance();
        while (!AtEnd && !AtTopLevelKeyword) Advance();
    }

    public ImmutableArray<DeclSyntax> ParseFile()
    {
        var decls = ImmutableArray.CreateBuilder<DeclSyntax>();
        while (!AtEnd)
        {
            var start = _pos;
            try
            {
                if (!AtTopLevelKeyword)
                    throw Report(DiagnosticCodes.ExpectedDeclaration, $"expected a declaration, found {Current.Describe()}");
                decls.Add(ParseDeclaration());
            }
            catch (RecoveryException)
            {
                _depth = 0;
                if (_pos == start || !AtTopLevelKeyword) SynchronizeTopLevel();
            }
        }
        return decls.ToImmutable();
    }
}
