using System.Collections.Immutable;
using System.Text;

namespace Virtualizability.Smt.Solving;

/// <summary>A parsed S-expression of solver output: an atom (symbol, literal, keyword, string) or a list.</summary>
public abstract record SExpression
{
    public sealed record Atom(string Text) : SExpression
    {
        public override string ToString() => Text;
    }

    public sealed record List(ImmutableArray<SExpression> Items) : SExpression
    {
        public override string ToString() => "(" + string.Join(' ', Items) + ")";
    }

    /// <summary>Every top-level S-expression in <paramref name="text"/>.</summary>
    public static List<SExpression> ParseAll(string text)
    {
        var result = new List<SExpression>();
        var pos = 0;
        while (true)
        {
            SkipSpace(text, ref pos);
            if (pos >= text.Length) return result;
            result.Add(Parse(text, ref pos));
        }
    }

    private static SExpression Parse(string text, ref int pos)
    {
        SkipSpace(text, ref pos);
        if (pos >= text.Length) throw new FormatException("unexpected end of solver output");
        var c = text[pos];
        if (c == ')') throw new FormatException($"unexpected ')' at {pos}");
        if (c == '(')
        {
            pos++;
            var items = ImmutableArray.CreateBuilder<SExpression>();
            while (true)
            {
                SkipSpace(text, ref pos);
                if (pos >= text.Length) throw new FormatException("unclosed '(' in solver output");
                if (text[pos] == ')') { pos++; return new List(items.ToImmutable()); }
                items.Add(Parse(text, ref pos));
            }
        }
        if (c is '|' or '"')
        {
            // |quoted symbol| keeps its bars off; "string" keeps its quotes ("" is an escaped quote).
            var sb = new StringBuilder();
            pos++;
            while (true)
            {
                if (pos >= text.Length) throw new FormatException("unterminated quoted atom");
                if (text[pos] == c)
                {
                    if (c == '"' && pos + 1 < text.Length && text[pos + 1] == '"') { sb.Append('"'); pos += 2; continue; }
                    pos++;
                    break;
                }
                sb.Append(text[pos++]);
            }
            return new Atom(c == '"' ? "\"" + sb + "\"" : sb.ToString());
        }
        var start = pos;
        while (pos < text.Length && !char.IsWhiteSpace(text[pos]) && text[pos] is not ('(' or ')' or '|' or '"')) pos++;
        return new Atom(text[start..pos]);
    }

    private static void SkipSpace(string text, ref int pos)
    {
        while (pos < text.Length)
        {
            if (char.IsWhiteSpace(text[pos])) pos++;
            else if (text[pos] == ';') { while (pos < text.Length && text[pos] != '\n') pos++; }
            else return;
        }
    }
}
