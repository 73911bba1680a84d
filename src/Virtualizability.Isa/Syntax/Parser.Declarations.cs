using System.Collections.Immutable;

namespace Virtualizability.Isa.Syntax;

internal sealed partial class Parser
{
    private DeclSyntax ParseDeclaration()
    {
        var start = Current.Span;
        var keyword = Advance().Text;
        switch (keyword)
        {
            case "include":
            {
                var path = ExpectString("a file name").Text;
                ExpectPunct(";");
                return new IncludeSyntax(path, SpanFrom(start));
            }
            case "isa":
            {
                var name = ExpectIdentifier("the ISA name").Text;
                var title = ExpectString("the ISA title").Text;
                ExpectPunct(";");
                return new IsaSyntax(name, title, SpanFrom(start));
            }
            case "encoding":
            {
                ExprSyntax? width = null;
                var isBytes = AcceptKeyword("bytes");
                if (!isBytes)
                {
                    ExpectKeyword("fixed");
                    width = ParseExpression();
                }
                ExpectPunct(";");
                return new EncodingSyntax(isBytes, width, SpanFrom(start));
            }
            case "const":
            {
                var name = ExpectIdentifier("a constant name").Text;
                TypeSyntax? type = AcceptPunct(":") ? ParseType() : null;
                ExpectPunct("=");
                var value = ParseExpression();
                ExpectPunct(";");
                return new ConstSyntax(name, type, value, SpanFrom(start));
            }
            case "memory":
            {
                var name = ExpectIdentifier("a memory name").Text;
                ExpectPunct(":");
                var address = ParseType();
                ExpectPunct("->");
                var cell = ParseType();
                ExpectPunct(",");
                var big = AcceptKeyword("big");
                if (!big && !AcceptKeyword("little"))
                {
                    // A misspelt byte order keeps the memory declared (as little-endian): dropping the declaration
                    // turned every later use of the memory into an error of its own ("unknown memory 'E'", ...).
                    _ = Report(Diagnostics.DiagnosticCodes.SyntaxError, $"expected 'little' or 'big', found {Current.Describe()}");
                    if (Current.Kind is TokenKind.Identifier or TokenKind.Keyword) Advance();
                }
                ExpectPunct(";");
                return new MemorySyntax(name, address, cell, big, SpanFrom(start));
            }
            case "register": return ParseRegister(start);
            case "roles": return ParseRoles(start);
            case "vmmap":
            {
                var name = ExpectIdentifier("a vmmap name").Text;
                ExpectPunct("(");
                var parameter = ParseParam();
                ExpectPunct(")");
                var body = ParseBlock();
                return new VmMapSyntax(name, parameter, body, SpanFrom(start));
            }
            case "exception":
            {
                var name = ExpectIdentifier("an exception name").Text;
                var parameters = ParseParams();
                var body = ParseBlock();
                return new ExceptionSyntax(name, parameters, body, SpanFrom(start));
            }
            case "fn":
            {
                var name = ExpectIdentifier("a function name").Text;
                var parameters = ParseParams();
                TypeSyntax? returnType = AcceptPunct(":") ? ParseType() : null;
                if (AcceptPunct("="))
                {
                    var value = ParseExpression();
                    ExpectPunct(";");
                    return new FnSyntax(name, parameters, returnType, null, value, SpanFrom(start));
                }
                return new FnSyntax(name, parameters, returnType, ParseBlock(), null, SpanFrom(start));
            }
            case "instruction":
            {
                var name = ExpectIdentifier("an instruction name").Text;
                var pattern = ExpectString("an encoding pattern string");
                string? description = Current.Kind == TokenKind.String ? Advance().Text : null;
                var body = ParseBlock();
                return new InstructionSyntax(name, pattern.Text, pattern.Span, description, body, SpanFrom(start));
            }
            default: // reset, prologue, epilogue, undefined
                return new HookSyntax(keyword, ParseBlock(), SpanFrom(start));
        }
    }

    private RegisterSyntax ParseRegister(Diagnostics.SourceSpan start)
    {
        var name = ExpectIdentifier("a register name").Text;
        ExprSyntax? count = null;
        if (AcceptPunct("["))
        {
            count = ParseExpression();
            ExpectPunct("]");
        }
        ExpectPunct(":");
        var type = ParseType();
        var fields = ImmutableArray.CreateBuilder<FieldSyntax>();
        if (AcceptKeyword("fields"))
        {
            ExpectPunct("{");
            do
            {
                var fieldStart = Current.Span;
                var fieldName = ExpectIdentifier("a field name").Text;
                ExpectPunct(":");
                var high = ParseExpression();
                ExprSyntax? low = AcceptPunct("..") ? ParseExpression() : null;
                fields.Add(new FieldSyntax(fieldName, high, low, SpanFrom(fieldStart)));
            } while (AcceptPunct(","));
            ExpectPunct("}");
        }
        var hardwired = ImmutableArray.CreateBuilder<HardwiredSyntax>();
        if (AcceptKeyword("hardwired"))
        {
            ExpectPunct("{");
            do
            {
                var entryStart = Current.Span;
                ExpectPunct("[");
                var index = ParseExpression();
                ExpectPunct("]");
                ExpectPunct("=");
                var value = ParseExpression();
                hardwired.Add(new HardwiredSyntax(index, value, SpanFrom(entryStart)));
            } while (AcceptPunct(","));
            ExpectPunct("}");
        }
        ExpectPunct(";");
        return new RegisterSyntax(name, count, type, fields.ToImmutable(), hardwired.ToImmutable(), SpanFrom(start));
    }

    private RolesSyntax ParseRoles(Diagnostics.SourceSpan start)
    {
        ExpectPunct("{");
        var roles = ImmutableArray.CreateBuilder<RoleSyntax>();
        while (!AtPunct("}") && !AtEnd && !AtTopLevelKeyword)
        {
            var roleStart = Current.Span;
            try
            {
                roles.Add(ParseRole(roleStart));
            }
            catch (RecoveryException)
            {
                SynchronizeStatement();
            }
        }
        ExpectPunct("}");
        return new RolesSyntax(roles.ToImmutable(), SpanFrom(start));
    }

    private RoleSyntax ParseRole(Diagnostics.SourceSpan start)
    {
        if (AcceptKeyword("pc"))
        {
            var name = ExpectIdentifier("a register name").Text;
            ExpectPunct(";");
            return new PcRoleSyntax(name, SpanFrom(start));
        }
        if (AcceptKeyword("storage"))
        {
            var name = ExpectIdentifier("a memory name").Text;
            ExpectPunct(";");
            return new StorageRoleSyntax(name, SpanFrom(start));
        }
        if (AcceptKeyword("supervisor"))
        {
            ExpectKeyword("when");
            var condition = ParseExpression();
            ExpectPunct(";");
            return new SupervisorRoleSyntax(condition, SpanFrom(start));
        }
        if (AcceptKeyword("user"))
        {
            ExpectKeyword("when");
            var condition = ParseExpression();
            ExpectPunct(";");
            return new UserRoleSyntax(condition, SpanFrom(start));
        }
        if (AcceptKeyword("enter"))
        {
            var user = AcceptKeyword("user");
            if (!user) ExpectKeyword("supervisor");
            return new EnterRoleSyntax(user, ParseBlock(), SpanFrom(start));
        }
        if (AtKeyword("mode") || AtKeyword("resource") || AtKeyword("time"))
        {
            var kind = Advance().Text;
            var refs = ImmutableArray.CreateBuilder<StateRefSyntax>();
            do refs.Add(ParseStateRef()); while (AcceptPunct(","));
            ExpectPunct(";");
            return new StateRoleSyntax(kind, refs.ToImmutable(), SpanFrom(start));
        }
        if (AcceptKeyword("memtrap"))
        {
            var names = ImmutableArray.CreateBuilder<(string Name, Diagnostics.SourceSpan Span)>();
            do
            {
                var name = ExpectIdentifier("an exception name");
                names.Add((name.Text, name.Span));
            }
            while (AcceptPunct(","));
            ExpectPunct(";");
            return new MemoryTrapRoleSyntax(names.ToImmutable(), SpanFrom(start));
        }
        throw Fail("expected a role (pc, storage, mode, supervisor, user, enter, resource, time or memtrap)");
    }

    private StateRefSyntax ParseStateRef()
    {
        var start = Current.Span;
        var name = ExpectIdentifier("a register name").Text;
        ExprSyntax? index = null;
        if (AcceptPunct("["))
        {
            index = ParseExpression();
            ExpectPunct("]");
        }
        string? field = AcceptPunct(".") ? ExpectIdentifier("a field name").Text : null;
        return new StateRefSyntax(name, index, field, SpanFrom(start));
    }

    private ImmutableArray<ParamSyntax> ParseParams()
    {
        ExpectPunct("(");
        var parameters = ImmutableArray.CreateBuilder<ParamSyntax>();
        if (!AtPunct(")"))
        {
            do parameters.Add(ParseParam()); while (AcceptPunct(","));
        }
        ExpectPunct(")");
        return parameters.ToImmutable();
    }

    private ParamSyntax ParseParam()
    {
        var start = Current.Span;
        var name = ExpectIdentifier("a parameter name").Text;
        ExpectPunct(":");
        var type = ParseType();
        return new ParamSyntax(name, type, SpanFrom(start));
    }

    private TypeSyntax ParseType()
    {
        var start = Current.Span;
        if (AcceptKeyword("bool")) return new TypeSyntax(true, null, start);
        ExpectKeyword("bits");
        ExpectPunct("(");
        var width = ParseExpression();
        ExpectPunct(")");
        return new TypeSyntax(false, width, SpanFrom(start));
    }
}
