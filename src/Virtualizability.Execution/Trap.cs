using System.Collections.Immutable;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Execution;

/// <summary>A raised exception with its argument values, returned by a step instead of being thrown.</summary>
public sealed record Trap(ExceptionDecl Exception, ImmutableArray<ulong> Arguments)
{
    public override string ToString() =>
        $"{Exception.Name}({string.Join(", ", Arguments.Select((a, i) => $"{Exception.Parameters[i].Name}=0x{a:X}"))})";
}
