using System.Globalization;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Cli.Exec;

/// <summary>
/// The program given to `pgcheck exec`: instruction words (fixed encodings) or bytes (byte encodings), read from
/// a file of hex numbers, a raw binary file, or hex numbers on the command line.
/// </summary>
public sealed record ProgramImage(IReadOnlyList<ulong> Units, int UnitWidth)
{
    /// <summary>
    /// Parses <paramref name="source"/>: an existing file (hex numbers separated by white space or commas, with
    /// '#', ';' or '//' comments; anything else is taken as raw bytes) or the numbers themselves.
    /// </summary>
    public static ProgramImage Parse(string source, IsaModel model)
    {
        var unitWidth = model.Encoding.Kind == EncodingKind.Fixed ? model.Encoding.Width : 8;
        if (File.Exists(source))
        {
            var bytes = File.ReadAllBytes(source);
            var text = TryDecodeText(bytes);
            if (text is not null && TryParseNumbers(text, unitWidth, out var fromText, out _)) return new ProgramImage(fromText, unitWidth);
            return FromRawBytes(bytes, unitWidth, model, source);
        }
        if (Directory.Exists(source)) throw new UsageException($"--program: {source} is a directory");
        if (TryParseNumbers(source, unitWidth, out var units, out var error)) return new ProgramImage(units, unitWidth);
        throw new UsageException($"--program: '{source}' is neither a file nor a list of hex words ({error})");
    }

    private static string? TryDecodeText(byte[] bytes)
    {
        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool TryParseNumbers(string text, int unitWidth, out List<ulong> units, out string error)
    {
        units = [];
        error = "";
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = StripComment(rawLine);
            foreach (var token in line.Split([' ', '\t', '\r', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                var digits = token.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? token[2..] : token;
                if (!ulong.TryParse(digits.Replace("_", ""), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
                {
                    error = $"line {lineNumber}: '{token}' is not a hex number";
                    return false;
                }
                if (unitWidth < 64 && value >> unitWidth != 0)
                {
                    error = $"line {lineNumber}: 0x{value:x} does not fit in {unitWidth} bits";
                    return false;
                }
                units.Add(value);
            }
        }
        if (units.Count == 0) error = "no words";
        return units.Count > 0;
    }

    private static string StripComment(string line)
    {
        foreach (var marker in new[] { "#", ";", "//" })
        {
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) line = line[..at];
        }
        return line;
    }

    private static ProgramImage FromRawBytes(byte[] bytes, int unitWidth, IsaModel model, string source)
    {
        if (unitWidth % 8 != 0) throw new UsageException($"--program: {source} is binary, but {model.Name} words are {unitWidth} bits; give hex words");
        var unitBytes = unitWidth / 8;
        if (bytes.Length == 0 || bytes.Length % unitBytes != 0)
            throw new UsageException($"--program: {source} has {bytes.Length} bytes, not a whole number of {unitBytes}-byte words");
        var big = model.Roles.Storage.Endianness == Endianness.Big;
        var units = new List<ulong>();
        for (var at = 0; at < bytes.Length; at += unitBytes)
        {
            ulong value = 0;
            for (var i = 0; i < unitBytes; i++)
            {
                var b = bytes[at + (big ? i : unitBytes - 1 - i)];
                value = (value << 8) | b;
            }
            units.Add(value);
        }
        return new ProgramImage(units, unitWidth);
    }
}
