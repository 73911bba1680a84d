namespace Virtualizability.Isa.Syntax;

internal enum TokenKind
{
    EndOfFile,
    Identifier,
    Keyword,
    Integer,
    String,
    Punct,
}
