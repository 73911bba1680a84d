using System.Collections.Immutable;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Execution.Tests.Building;

/// <summary>Turns pattern text ("000001 ra:3 rb:3 0000 imm:16": bits, x for any, name:N fields, MSB first) into an EncodingPattern, as the binder would.</summary>
internal static class PatternText
{
    public static EncodingPattern Parse(string text)
    {
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var parts = new List<(string? Name, int Width, bool LittleEndian, string Bits)>();
        foreach (var token in tokens)
        {
            if (token.Contains(':'))
            {
                var (name, widthText) = (token[..token.IndexOf(':')], token[(token.IndexOf(':') + 1)..]);
                var littleEndian = widthText.EndsWith("le", StringComparison.Ordinal);
                parts.Add((name, int.Parse(littleEndian ? widthText[..^2] : widthText), littleEndian, ""));
            }
            else parts.Add((null, token.Length, false, token));
        }
        var length = parts.Sum(p => p.Width);
        UInt128 mask = 0, value = 0;
        var fields = ImmutableArray.CreateBuilder<EncodingField>();
        var position = length;
        foreach (var part in parts)
        {
            position -= part.Width;
            if (part.Name is { } name)
            {
                fields.Add(new EncodingField(name, position, part.Width, part.LittleEndian, Ir.Var(name, part.Width, LocalKind.Field)));
                continue;
            }
            for (var i = 0; i < part.Width; i++)
            {
                var bit = part.Bits[i];
                var at = position + part.Width - 1 - i;
                if (bit == 'x') continue;
                mask |= UInt128.One << at;
                if (bit == '1') value |= UInt128.One << at;
            }
        }
        return new EncodingPattern(text, length, mask, value, fields.ToImmutable());
    }
}
