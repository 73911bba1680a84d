using System.Collections.Immutable;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Analysis.Symbolic;

/// <summary>
/// A free instruction word that decodes to one instruction: its pattern's fixed bits hold, and none of the strictly
/// more specific patterns (which would win the decode) matches. Words up to 64 bits are one symbol; longer byte
/// encodings are one symbol per byte, since model values are 64-bit.
/// </summary>
public sealed class SymbolicWord
{
    private SymbolicWord(InstructionDecl instruction, InstructionBits bits, Term decodes)
    {
        Instruction = instruction;
        Bits = bits;
        Decodes = decodes;
        Fields = SymbolicExecutor.FieldValues(instruction, bits);
    }

    public InstructionDecl Instruction { get; }
    public InstructionBits Bits { get; }
    public Term Decodes { get; }
    public IReadOnlyDictionary<Local, Term> Fields { get; }

    public static SymbolicWord For(IsaModel model, InstructionDecl instruction, string name = "w")
    {
        var length = instruction.Encoding.Length;
        var bits = length <= 64
            ? InstructionBits.FromWord(Term.BvVar(name, length))
            : InstructionBits.FromBytes(Enumerable.Range(0, length / 8).Select(i => Term.BvVar($"{name}.{i}", 8)));
        var decodes = Term.And(
            model.InstructionsTakingWordsOf(instruction)
                .Select(other => Term.Not(bits.MatchesWindow(other.Encoding)))
                .Prepend(bits.Matches(instruction.Encoding)));
        return new SymbolicWord(instruction, bits, decodes);
    }

    /// <summary>The concrete word a model gives, as the executable model takes it (pattern bit 0 = bit 0 of the value).</summary>
    public UInt128 Concrete(SolverModel model)
    {
        UInt128 word = 0;
        var units = Bits.Units;
        var unitWidth = Bits.Length / units.Length;
        foreach (var unit in units)
            word = (word << unitWidth) | model.Bits(unit);
        return word;
    }

    public ImmutableArray<Term> Units => Bits.Units;

    /// <summary>The condition that the word is <paramref name="value"/> (as <see cref="Concrete"/> reads it).</summary>
    public Term Is(UInt128 value)
    {
        var units = Bits.Units;
        var unitWidth = Bits.Length / units.Length;
        var parts = new List<Term>();
        for (var i = units.Length - 1; i >= 0; i--)
        {
            parts.Add(Term.Eq(units[i], Term.Bv((ulong)(value & ((UInt128.One << unitWidth) - 1)), unitWidth)));
            value >>= unitWidth;
        }
        return Term.And(parts);
    }
}
