using System.Collections.Immutable;

namespace Virtualizability.Isa.Syntax;

internal sealed partial class Parser
{
    private BlockSyntax ParseBlock()
    {
        var start = Current.Span;
        ExpectPunct("{");
        Enter();
        var statements = ImmutableArray.CreateBuilder<StmtSyntax>();
        while (!AtPunct("}") && !AtEnd && !AtTopLevelKeyword)
        {
            var depth = _depth;
            try
            {
                statements.Add(ParseStatement());
            }
            catch (RecoveryException)
            {
                _depth = depth;
                SynchronizeStatement();
            }
        }
        Leave();
        ExpectPunct("}");
        return new BlockSyntax(statements.ToImmutable(), SpanFrom(start));
    }

    private StmtSyntax ParseStatement()
    {
        var start = Current.Span;
        if (AtPunct("{")) return ParseBlock();
        if (Current.Kind == TokenKind.Keyword)
        {
            switch (Current.Text)
            {
                case "let":
                case "var":
                {
                    var isVar = Advance().Text == "var";
                    var name = ExpectIdentifier("a local name");
                    TypeSyntax? type = AcceptPunct(":") ? ParseType() : null;
                    ExpectPunct("=");
                    var value = ParseExpression();
                    ExpectPunct(";");
                    return new LetSyntax(isVar, name.Text, name.Span, type, value, SpanFrom(start));
                }
                case "if": return ParseIf();
                case "match": return ParseMatch();
                case "for":
                {
                    Advance();
                    var variable = ExpectIdentifier("a loop variable");
                    ExpectKeyword("in");
                    var from = ParseExpression();
                    ExpectPunct("..");
                    var to = ParseExpression();
                    var body = ParseBlock();
                    return new ForSyntax(variable.Text, variable.Span, from, to, body, SpanFrom(start));
                }
                case "require":
                {
                    Advance();
                    var condition = ParseExpression();
                    ExpectKeyword("else");
                    ExpectKeyword("trap");
                    var exception = ExpectIdentifier("an exception name");
                    var args = ParseArguments();
                    ExpectPunct(";");
                    return new RequireSyntax(condition, exception.Text, exception.Span, args, SpanFrom(start));
                }
                case "trap":
                {
                    Advance();
                    var exception = ExpectIdentifier("an exception name");
                    var args = ParseArguments();
                    ExpectPunct(";");
                    return new TrapSyntax(exception.Text, exception.Span, args, SpanFrom(start));
                }
                case "halt":
                    Advance();
                    ExpectPunct(";");
                    return new HaltSyntax(SpanFrom(start));
                case "return":
                {
                    Advance();
                    ExprSyntax? value = AtPunct(";") ? null : ParseExpression();
                    ExpectPunct(";");
                    return new ReturnSyntax(value, SpanFrom(start));
                }
                case "move":
                {
                    Advance();
                    var storage = ExpectIdentifier("a memory name");
                    ExpectKeyword("by");
                    var by = ParseExpression();
                    ExpectPunct(";");
                    return new MoveSyntax(storage.Text, storage.Span, by, SpanFrom(start));
                }
            }
        }
        if (Current.Kind == TokenKind.Identifier && PeekNext.IsPunct("("))
        {
            var call = (CallSyntax)ParsePrimary();
            ExpectPunct(";");
            return new CallStmtSyntax(call, SpanFrom(start));
        }
        if (Current.Kind != TokenKind.Identifier) throw Fail("expected a statement");
        var target = ParsePostfix();
        ExpectPunct(":=");
        var assigned = ParseExpression();
        ExpectPunct(";");
        return new AssignSyntax(target, assigned, SpanFrom(start));
    }

    private IfSyntax ParseIf()
    {
        var start = Current.Span;
        ExpectKeyword("if");
        Enter();
        try
        {
            var condition = ParseExpression();
            var then = ParseBlock();
            StmtSyntax? otherwise = null;
            if (AcceptKeyword("else")) otherwise = AtKeyword("if") ? ParseIf() : ParseBlock();
            return new IfSyntax(condition, then, otherwise, SpanFrom(start));
        }
        finally
        {
            Leave();
        }
    }

    private MatchSyntax ParseMatch()
    {
        var start = Current.Span;
        ExpectKeyword("match");
        var scrutinee = ParseExpression();
        ExpectPunct("{");
        Enter();
        var arms = ImmutableArray.CreateBuilder<MatchArmSyntax>();
        while (!AtPunct("}") && !AtEnd && !AtTopLevelKeyword)
        {
            var armStart = Current.Span;
            var patterns = ImmutableArray.CreateBuilder<ExprSyntax>();
            if (!AcceptPunct("_"))
            {
                // Patterns bind tighter than `|`, which separates alternatives here.
                do patterns.Add(ParseBinary(PatternLevel)); while (AcceptPunct("|"));
            }
            ExpectPunct("=>");
            var body = ParseStatement();
            arms.Add(new MatchArmSyntax(patterns.ToImmutable(), body, SpanFrom(armStart)));
        }
        Leave();
        ExpectPunct("}");
        return new MatchSyntax(scrutinee, arms.ToImmutable(), SpanFrom(start));
    }
}
