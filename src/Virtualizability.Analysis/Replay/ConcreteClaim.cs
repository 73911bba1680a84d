using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Solving;

namespace Virtualizability.Analysis.Replay;

/// <summary>What a solver's model claims, made concrete: the word, the start state, the offset and the second state.</summary>
public sealed record ConcreteClaim(
    PropertyKind Kind,
    Domain Domain,
    InstructionDecl Instruction,
    UInt128 Word,
    ConcreteState Start,
    ulong? Offset = null,
    ConcreteState? Other = null);

/// <summary>The replay's verdict on a claim: the witness it confirms, or why the executable model disagrees.</summary>
public sealed record ReplayResult(Witnesses.Witness? Witness, string? Mismatch)
{
    public bool Confirmed => Witness is not null;
}
