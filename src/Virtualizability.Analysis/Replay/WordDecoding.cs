using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Analysis.Replay;

/// <summary>
/// Whether a concrete word is one the formulas' <c>Decodes</c> admits (Symbolic/SymbolicWord): it matches the
/// instruction's pattern and no pattern that takes its words (<see cref="IsaModel.InstructionsTakingWordsOf"/>) matches
/// its first bits. For fixed-width encodings the executable model's decoder must also pick the instruction, as a run from memory would.
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
                moreSpecific[instruction] = winners = [.. isa.Model.InstructionsTakingWordsOf(instruction)];
        if (winners.Any(o => o.Encoding.MatchesWindow(word, instruction.Encoding.Length))) return false;
        return isa.Model.Encoding.Kind != EncodingKind.Fixed || ReferenceEquals(isa.Decode(word), instruction);
    }
}
