using System.Collections.Immutable;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Isa.Binding;

internal sealed partial class Binder
{
    private ImmutableArray<InstructionDecl> BindInstructions(EncodingKind? kind, int width)
    {
        var result = ImmutableArray.CreateBuilder<InstructionDecl>(_instructionSyntax.Count);
        foreach (var syntax in _instructionSyntax)
        {
            ImmutableArray<Local> fields = [];
            var pattern = kind is null ? null
                : EncodingPatternParser.Parse(syntax.Pattern, syntax.PatternSpan, kind.Value, width, _diagnostics, out fields);
            var context = new BindContext(BodyKind.Instruction, new Scope(null), null);
            var body = BindBody(syntax.Body, context, fields);
            if (pattern is not null)
                result.Add(new InstructionDecl(syntax.Name, syntax.Description, pattern, body, result.Count, syntax.Span));
        }
        var instructions = result.ToImmutable();
        AmbiguityChecker.Check(instructions, _diagnostics);
        return instructions;
    }
}
