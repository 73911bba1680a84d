using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Isa.Binding;

/// <summary>
/// Parses pattern text ("000000 rs:5 rt:5 x imm:16le") into mask, value and fields. Bits are written most
/// significant first; field offsets are counted from the least significant bit of the whole pattern.
/// </summary>
internal static class EncodingPatternParser
{
    public const int MaxLength = 128;

    private sealed record Element(int Width, char Bit, string? Name, bool LittleEndian, int Column);

    public static EncodingPattern? Parse(string text, SourceSpan span, EncodingKind kind, int fixedWidth, DiagnosticBag diagnostics,
        out ImmutableArray<Local> fieldLocals)
    {
        fieldLocals = [];
        // Columns inside the string literal: one past the opening quote.
        SourceSpan At(int index, int length) =>
            span with { Column = span.Column + 1 + index, EndLine = span.Line, EndColumn = span.Column + 1 + index + Math.Max(1, length) };

        var elements = new List<Element>();
        var ok = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t') { i++; continue; }
            if (c is '0' or '1') { elements.Add(new Element(1, c, null, false, i)); i++; continue; }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var j = i;
                while (j < text.Length && (char.IsAsciiLetterOrDigit(text[j]) || text[j] == '_')) j++;
                if (j < text.Length && text[j] == ':')
                {
                    var name = text[i..j];
                    var k = j + 1;
                    while (k < text.Length && char.IsAsciiDigit(text[k])) k++;
                    var widthText = text[(j + 1)..k];
                    var le = k + 1 < text.Length && text[k] == 'l' && text[k + 1] == 'e';
                    var end = le ? k + 2 : k;
                    if (widthText.Length == 0 || widthText.Length > 3 || int.Parse(widthText) is < 1 or > IrType.MaxWidth)
                    {
                        diagnostics.Error(DiagnosticCodes.InvalidPattern, At(i, end - i),
                            $"field '{name}' needs a width from 1 to {IrType.MaxWidth}, as in '{name}:8'");
                        ok = false;
                    }
                    else
                    {
                        var width = int.Parse(widthText);
                        if (le && (kind != EncodingKind.Bytes || width % 8 != 0))
                        {
                            diagnostics.Error(DiagnosticCodes.LittleEndianField, At(i, end - i), kind != EncodingKind.Bytes
                                ? $"little-endian field '{name}' is only allowed in 'encoding bytes'"
                                : $"little-endian field '{name}' must be a whole number of bytes, not {width} bits");
                            ok = false;
                        }
                        if (Syntax.Keywords.All.Contains(name))
                        {
                            // The body reads a field as a name; a keyword never lexes as one, so the field could not be used,
                            // and generated code and printed IR would carry a reserved word where a name belongs.
                            diagnostics.Error(DiagnosticCodes.InvalidPattern, At(i, j - i),
                                $"field '{name}' is named by a keyword; an encoding field needs a name the body can use");
                            ok = false;
                        }
                        if (elements.Any(e => e.Name == name))
                        {
                            diagnostics.Error(DiagnosticCodes.DuplicateName, At(i, j - i), $"field '{name}' appears twice in this pattern");
                            ok = false;
                        }
                        elements.Add(new Element(width, ' ', name, le, i));
                    }
                    i = end;
                    continue;
                }
                if (c is 'x' or 'X') { elements.Add(new Element(1, 'x', null, false, i)); i++; continue; }
            }
            diagnostics.Error(DiagnosticCodes.InvalidPattern, At(i, 1),
                $"unexpected '{Syntax.SourceDecoder.ForDisplay(c)}' in encoding pattern (use 0, 1, x and name:N)");
            ok = false;
            break;
        }
        // Even a broken pattern declares its fields, so the body does not report them as unknown names.
        fieldLocals = [.. elements.Where(e => e.Name is not null).DistinctBy(e => e.Name)
            .Select(e => new Local(e.Name!, IrType.Bits(e.Width), LocalKind.Field, At(e.Column, e.Name!.Length)))];
        if (!ok) return null;

        var length = elements.Sum(e => e.Width);
        var lengthProblem = kind == EncodingKind.Fixed
            ? length != fixedWidth ? $"the pattern has {length} bits, but 'encoding fixed {fixedWidth}' needs exactly {fixedWidth}" : null
            : length == 0 || length % 8 != 0 || length > MaxLength
                ? $"the pattern has {length} bits; byte encodings need a whole number of bytes, 1 to {MaxLength / 8}"
                : null;
        if (lengthProblem is not null)
        {
            diagnostics.Error(DiagnosticCodes.PatternLength, span, lengthProblem);
            return null;
        }

        UInt128 mask = 0, value = 0;
        var fields = ImmutableArray.CreateBuilder<EncodingField>();
        var position = 0;
        foreach (var e in elements)
        {
            var offset = length - position - e.Width;
            if (e.Name is not null)
            {
                fields.Add(new EncodingField(e.Name, offset, e.Width, e.LittleEndian, fieldLocals.First(l => l.Name == e.Name)));
            }
            else if (e.Bit != 'x')
            {
                mask |= UInt128.One << offset;
                if (e.Bit == '1') value |= UInt128.One << offset;
            }
            position += e.Width;
        }
        return new EncodingPattern(text, length, mask, value, fields.ToImmutable());
    }
}
