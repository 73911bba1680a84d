using System.Collections.Immutable;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Obligations;

/// <summary>
/// An instruction's fetched units with some encoding fields' bits replaced by given terms (constants, or fresh
/// variables), every other bit taken from the fetched units: what the split obligations decode, so that a field's
/// value is a constant (or a variable) from the start of the symbolic execution.
/// </summary>
internal static class FieldOverlay
{
    /// <summary>The bits an encoding's units carry (one word for a fixed encoding, bytes otherwise).</summary>
    public static InstructionBits Bits(IsaModel model, ImmutableArray<Term> units) =>
        model.Encoding.Kind == EncodingKind.Fixed ? InstructionBits.FromWord(units[0]) : InstructionBits.FromBytes(units);

    /// <summary><paramref name="units"/> with the bits of each field in <paramref name="values"/> replaced by that term (of the field's width).</summary>
    public static ImmutableArray<Term> Apply(InstructionDecl instruction, ImmutableArray<Term> units, IReadOnlyDictionary<EncodingField, Term> values)
    {
        var length = instruction.Encoding.Length;
        var unitWidth = length / units.Length;
        var result = ImmutableArray.CreateBuilder<Term>(units.Length);
        for (var u = 0; u < units.Length; u++)
        {
            var unitHigh = length - 1 - u * unitWidth;
            var unitLow = unitHigh - unitWidth + 1;
            Term? unit = null;
            var bit = unitHigh;
            while (bit >= unitLow)
            {
                var field = values.Keys.FirstOrDefault(f => f.Offset <= bit && bit < f.Offset + f.Width);
                // The run of bits from one source: down to the field's lowest bit in this unit, or to the next field's highest.
                var low = field is not null
                    ? Math.Max(field.Offset, unitLow)
                    : Math.Max(unitLow, values.Keys.Where(f => f.Offset + f.Width - 1 < bit).Select(f => f.Offset + f.Width).DefaultIfEmpty(unitLow).Max());
                var piece = field is not null
                    ? Term.Extract(values[field], bit - field.Offset, low - field.Offset)
                    : Term.Extract(units[u], bit - unitLow, low - unitLow);
                unit = unit is null ? piece : Term.Concat(unit, piece);
                bit = low - 1;
            }
            result.Add(unit!);
        }
        return result.MoveToImmutable();
    }
}
