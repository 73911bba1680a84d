using System.Text;
using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Isa.Syntax;

/// <summary>
/// Splits source text into tokens. Errors are reported and skipped so that the parser still sees a useful stream.
/// </summary>
internal sealed class Lexer(string text, string file, DiagnosticBag diagnostics)
{
    // Longest first, so that ">>>" wins over ">>" and ">".
    private static readonly string[] Punctuation =
    [
        ">>>", "..", ":=", "=>", "->", "==", "!=", "<=", ">=", "<<", ">>", "&&", "||", "++",
        "(", ")", "{", "}", "[", "]", ",", ";", ":", ".", "=", "<", ">", "+", "-", "*", "&", "|", "^", "~", "!", "_",
    ];

    // Identifiers repeat a lot (register names, fields); sharing one string per name keeps big specs small.
    private readonly Dictionary<string, string> _names = [];
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    /// <summary>
    /// The next token; the end of the file repeats. Tokens are produced on demand, so even a 16 MiB spec never
    /// holds more than a few tokens in memory.
    /// </summary>
    public Token Next()
    {
        while (true)
        {
            SkipTrivia();
            if (_pos >= text.Length) return new Token(TokenKind.EndOfFile, "", SpanFrom(_pos, _line, Column(_pos)));
            if (NextToken() is { } t) return t;
        }
    }

    private int Column(int pos) => pos - _lineStart + 1;

    private SourceSpan SpanFrom(int startPos, int startLine, int startColumn) =>
        new(file, startLine, startColumn, _line, Column(_pos) + (_pos == startPos ? 1 : 0));

    private void SkipTrivia()
    {
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (c == '\n') { _pos++; _line++; _lineStart = _pos; }
            else if (c is ' ' or '\t' or '\r') _pos++;
            else if (c == '/' && Peek(1) == '/')
            {
                while (_pos < text.Length && text[_pos] != '\n') _pos++;
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var (line, col) = (_line, Column(_pos));
                _pos += 2;
                var closed = false;
                while (_pos < text.Length)
                {
                    if (text[_pos] == '*' && Peek(1) == '/') { _pos += 2; closed = true; break; }
                    if (text[_pos] == '\n') { _line++; _lineStart = _pos + 1; }
                    _pos++;
                }
                if (!closed)
                    diagnostics.Error(DiagnosticCodes.UnterminatedComment, new SourceSpan(file, line, col, line, col + 2),
                        "block comment is not closed before the end of the file");
            }
            else return;
        }
    }

    private char Peek(int offset) => _pos + offset < text.Length ? text[_pos + offset] : '\0';

    private Token? NextToken()
    {
        var (start, line, col) = (_pos, _line, Column(_pos));
        var c = text[_pos];
        if (char.IsAsciiLetter(c) || c == '_' && IsIdentChar(Peek(1)))
        {
            while (_pos < text.Length && IsIdentChar(text[_pos])) _pos++;
            var lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(text.AsSpan(start, _pos - start), out var word))
            {
                word = text[start.._pos];
                _names[word] = word;
            }
            var kind = Keywords.All.Contains(word) ? TokenKind.Keyword : TokenKind.Identifier;
            return new Token(kind, word, SpanFrom(start, line, col));
        }
        if (char.IsAsciiDigit(c)) return LexInteger(start, line, col);
        if (c == '"') return LexString(start, line, col);
        foreach (var p in Punctuation)
        {
            if (text.AsSpan(_pos).StartsWith(p, StringComparison.Ordinal))
            {
                _pos += p.Length;
                return new Token(TokenKind.Punct, p, SpanFrom(start, line, col));
            }
        }
        _pos += char.IsHighSurrogate(c) && char.IsLowSurrogate(Peek(1)) ? 2 : 1;
        diagnostics.Error(DiagnosticCodes.UnexpectedCharacter, SpanFrom(start, line, col),
            $"unexpected character '{SourceDecoder.ForDisplay(c)}'");
        return null;
    }

    private static bool IsIdentChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private Token LexInteger(int start, int line, int col)
    {
        var radix = 10;
        if (text[_pos] == '0' && (Peek(1) is 'x' or 'X')) { radix = 16; _pos += 2; }
        else if (text[_pos] == '0' && (Peek(1) is 'b' or 'B')) { radix = 2; _pos += 2; }
        var digitsStart = _pos;
        while (_pos < text.Length && IsIdentChar(text[_pos])) _pos++;
        var span = SpanFrom(start, line, col);
        UInt128 value = 0;
        var digits = 0;
        string? problem = null;
        foreach (var d in text.AsSpan(digitsStart, _pos - digitsStart))
        {
            if (d == '_') continue;
            var v = char.IsAsciiDigit(d) ? d - '0' : char.IsAsciiHexDigit(d) ? (char.ToLowerInvariant(d) - 'a' + 10) : 99;
            if (v >= radix) { problem = $"'{d}' is not a digit in base {radix}"; break; }
            digits++;
            var next = value * (UInt128)radix + (UInt128)v;
            if ((next - (UInt128)v) / (UInt128)radix != value) { problem = "the literal does not fit in 128 bits"; break; }
            value = next;
        }
        if (problem is null && digits == 0) problem = "the literal has no digits";
        if (problem is not null)
        {
            diagnostics.Error(DiagnosticCodes.InvalidIntegerLiteral, span, $"invalid integer literal '{text[start.._pos]}': {problem}");
            value = 0;
        }
        return new Token(TokenKind.Integer, text[start.._pos], span, value);
    }

    private Token LexString(int start, int line, int col)
    {
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= text.Length || text[_pos] == '\n')
            {
                diagnostics.Error(DiagnosticCodes.UnterminatedString, new SourceSpan(file, line, col, line, col + 1),
                    "string literal is not closed on its line");
                return new Token(TokenKind.String, sb.ToString(), SpanFrom(start, line, col));
            }
            var c = text[_pos];
            if (c == '"') { _pos++; break; }
            if (c == '\\')
            {
                var e = Peek(1);
                if (e is '"' or '\\') { sb.Append(e); _pos += 2; continue; }
                var escCol = Column(_pos);
                diagnostics.Error(DiagnosticCodes.InvalidEscape, new SourceSpan(file, _line, escCol, _line, escCol + 2),
                    $"invalid escape '\\{SourceDecoder.ForDisplay(e)}' in string (only \\\" and \\\\ are allowed)");
                _pos++;
                continue;
            }
            sb.Append(c);
            _pos++;
        }
        return new Token(TokenKind.String, sb.ToString(), SpanFrom(start, line, col));
    }
}
