using System.Collections.Immutable;

namespace Virtualizability.Isa.Syntax;

internal sealed partial class Parser
{
    // Binary operators by level, loosest first; all left-associative.
    private static readonly string[][] Levels =
    [
        ["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<", "<=", ">", ">="], ["<<", ">>", ">>>"], ["++"], ["+", "-"], ["*"],
    ];

    /// <summary>Match patterns start below `|` so that `1 | 2 =>` lists two patterns.</summary>
    private const int PatternLevel = 3;

    private ExprSyntax ParseExpression()
    {
        if (!AtKeyword("if")) return ParseBinary(0);
        var start = Current.Span;
        Advance();
        Enter();
        try
        {
            var condition = ParseExpression();
            ExpectKeyword("then");
            var then = ParseExpression();
            ExpectKeyword("else");
            var otherwise = ParseExpression();
            return Checked(new IfExprSyntax(condition, then, otherwise, SpanFrom(start))
            {
                Depth = 1 + Math.Max(condition.Depth, Math.Max(then.Depth, otherwise.Depth)),
            });
        }
        finally
        {
            Leave();
        }
    }

    private ExprSyntax ParseBinary(int level)
    {
        if (level == Levels.Length) return ParseUnary();
        var start = Current.Span;
        var left = ParseBinary(level + 1);
        while (Current.Kind == TokenKind.Punct && Array.IndexOf(Levels[level], Current.Text) >= 0)
        {
            var op = Advance().Text;
            var right = ParseBinary(level + 1);
            left = Checked(new BinarySyntax(op, left, right, SpanFrom(start)) { Depth = 1 + Math.Max(left.Depth, right.Depth) });
        }
        return left;
    }

    private ExprSyntax ParseUnary()
    {
        if (AtPunct("~") || AtPunct("-") || AtPunct("!"))
        {
            var start = Current.Span;
            var op = Advance().Text;
            Enter();
            try
            {
                var operand = ParseUnary();
                return Checked(new UnarySyntax(op, operand, SpanFrom(start)) { Depth = operand.Depth + 1 });
            }
            finally
            {
                Leave();
            }
        }
        return ParsePostfix();
    }

    private ExprSyntax ParsePostfix()
    {
        var start = Current.Span;
        var expr = ParsePrimary();
        while (true)
        {
            if (AcceptPunct("["))
            {
                var high = ParseSliceBound();
                ExprSyntax? low = AcceptPunct("..") ? ParseSliceBound() : null;
                ExpectPunct("]");
                expr = Checked(new SliceSyntax(expr, high, low, SpanFrom(start)) { Depth = expr.Depth + 1 });
            }
            else if (AcceptPunct("."))
            {
                var field = ExpectIdentifier("a field name");
                expr = Checked(new FieldAccessSyntax(expr, field.Text, field.Span, SpanFrom(start)) { Depth = expr.Depth + 1 });
            }
            else return expr;
        }
    }

    private ExprSyntax ParseSliceBound()
    {
        Enter();
        try { return ParseExpression(); }
        finally { Leave(); }
    }

    private ExprSyntax ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                Advance();
                return new IntLiteralSyntax(token.Value, token.Span);
            case TokenKind.Keyword when token.Text is "true" or "false":
                Advance();
                return new BoolLiteralSyntax(token.Text == "true", token.Span);
            case TokenKind.Punct when token.Text == "(":
            {
                Advance();
                Enter();
                try
                {
                    var inner = ParseExpression();
                    ExpectPunct(")");
                    return inner;
                }
                finally
                {
                    Leave();
                }
            }
            case TokenKind.Identifier:
                Advance();
                if (AtPunct("("))
                {
                    var args = ParseArguments();
                    return Checked(new CallSyntax(token.Text, args, SpanFrom(token.Span)) { Depth = 1 + MaxDepthOf(args) });
                }
                if (AcceptPunct("["))
                {
                    Enter();
                    try
                    {
                        var index = ParseExpression();
                        if (AcceptPunct(".."))
                        {
                            var low = ParseExpression();
                            ExpectPunct("]");
                            var name = new NameSyntax(token.Text, token.Span);
                            return Checked(new SliceSyntax(name, index, low, SpanFrom(token.Span)) { Depth = 1 + Math.Max(index.Depth, low.Depth) });
                        }
                        ExprSyntax? count = AcceptPunct(",") ? ParseExpression() : null;
                        ExpectPunct("]");
                        return Checked(new IndexSyntax(token.Text, token.Span, index, count, SpanFrom(token.Span))
                        {
                            Depth = 1 + Math.Max(index.Depth, count?.Depth ?? 0),
                        });
                    }
                    finally
                    {
                        Leave();
                    }
                }
                return new NameSyntax(token.Text, token.Span);
            default:
                throw Fail("expected an expression");
        }
    }

    private static int MaxDepthOf(ImmutableArray<ExprSyntax> exprs) => exprs.IsEmpty ? 0 : exprs.Max(e => e.Depth);

    private ImmutableArray<ExprSyntax> ParseArguments()
    {
        ExpectPunct("(");
        Enter();
        try
        {
            var args = ImmutableArray.CreateBuilder<ExprSyntax>();
            if (!AtPunct(")"))
            {
                do args.Add(ParseExpression()); while (AcceptPunct(","));
            }
            ExpectPunct(")");
            return args.ToImmutable();
        }
        finally
        {
            Leave();
        }
    }
}
