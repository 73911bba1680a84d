using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Analysis.Replay;

/// <summary>
/// Whether a concrete word is one the formulas' <c>Decodes</c> admits (Symbolic/SymbolicWord): it matches the
/// instruction's pattern and no pattern that wins every word of it (<see cref="EncodingPattern.WinsEveryWordOf"/>: a
/// strictly more specific one, or a longer refinement of a byte encoding whose tail is free) matches its first bits. For fixed-width
/// encodings the executable model's decoder must also pick the instruction, as a run from memory would.
/// </summary>
internal sealed class WordDecoding(CompiledIsa isa)
{
    private readonly Dictionary<InstructionDecl, InstructionDecl[]> moreSpecific = new();

    public bool DecodesTo(InstructionDecl instruction, UInt128 word)
    {
        if (!instruction.Encoding.Matches(word)) return false;
        InstructionDecl[] winners;
        lock (moreSpecific)
            if (!moreSpecific.TryGetValue(instruction, out winners!))
                moreSpecific[instruction] = winners = [.. isa.Model.Instructions.Where(o =>
                    !ReferenceEquals(o, instruction) && o.Encoding.WinsEveryWordOf(instruction.Encoding))];
        if (winners.Any(o => WindowMatches(o.Encoding, instruction.Encoding.Length, word))) return false;
        return isa.Model.Encoding.Kind != EncodingKind.Fixed || ReferenceEquals(isa.Decode(word), instruction);
    }

    // The pattern as a condition on the word's bits (the symbolic side's InstructionBits.MatchesWindow).
    private static bool WindowMatches(EncodingPattern pattern, int length, UInt128 word)
    {
        var (mask, value) = pattern.Window(length);
        return (word & mask) == value;
    }
}
