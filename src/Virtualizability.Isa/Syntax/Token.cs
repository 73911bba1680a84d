using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Isa.Syntax;

/// <summary>
/// One token. <see cref="Text"/> is the identifier, keyword or punctuation text, or the decoded string value.
/// Integer literals carry their value; literals wider than 128 bits are rejected by the lexer.
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, SourceSpan Span, UInt128 Value = default)
{
    public bool Is(TokenKind kind, string text) => Kind == kind && Text == text;

    public bool IsPunct(string text) => Kind == TokenKind.Punct && Text == text;

    public bool IsKeyword(string text) => Kind == TokenKind.Keyword && Text == text;

    public string Describe() => Kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.Identifier => $"identifier '{Text}'",
        TokenKind.Keyword => $"keyword '{Text}'",
        TokenKind.Integer => "integer literal",
        TokenKind.String => "string literal",
        _ => $"'{Text}'",
    };
}
