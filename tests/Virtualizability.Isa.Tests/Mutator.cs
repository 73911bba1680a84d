using System.Text;
using System.Text.RegularExpressions;

namespace Virtualizability.Isa.Tests;

/// <summary>
/// Breaks valid specs the way editing and transmission break files: deleted, swapped and duplicated tokens,
/// truncation, and inserted bytes (including bytes that are not valid UTF-8). Deterministic per seed.
/// </summary>
internal static partial class Mutator
{
    // A rough token split, independent of the real lexer: words, numbers, strings, comments, runs of space, other chars.
    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""|//[^\n]*|\w+|\s+|.", RegexOptions.Singleline)]
    private static partial Regex TokenPattern();

    private static readonly byte[] Interesting = "{}()[];:=,.\"/*_-+x0\n\t"u8.ToArray();

    public static byte[] Mutate(string source, int seed)
    {
        var rng = new Random(seed);
        var tokens = TokenPattern().Matches(source).Select(m => m.Value).ToList();
        var steps = rng.Next(1, 4);
        byte[]? bytes = null;
        for (var s = 0; s < steps; s++)
        {
            switch (rng.Next(5))
            {
                case 0 when tokens.Count > 0:
                    tokens.RemoveAt(rng.Next(tokens.Count));
                    break;
                case 1 when tokens.Count > 1:
                {
                    var i = rng.Next(tokens.Count);
                    var j = rng.Next(2) == 0 ? Math.Min(tokens.Count - 1, i + 1) : rng.Next(tokens.Count);
                    (tokens[i], tokens[j]) = (tokens[j], tokens[i]);
                    break;
                }
                case 2 when tokens.Count > 0:
                {
                    var i = rng.Next(tokens.Count);
                    tokens.Insert(i, tokens[rng.Next(tokens.Count)]);
                    break;
                }
                case 3:
                {
                    bytes = Encoding.UTF8.GetBytes(string.Concat(tokens));
                    bytes = bytes[..rng.Next(bytes.Length + 1)];
                    tokens = [Encoding.UTF8.GetString(bytes)];
                    break;
                }
                default:
                {
                    var text = Encoding.UTF8.GetBytes(string.Concat(tokens)).ToList();
                    var at = rng.Next(text.Count + 1);
                    var count = rng.Next(1, 4);
                    for (var k = 0; k < count; k++)
                        text.Insert(at, rng.Next(3) == 0 ? (byte)rng.Next(256) : Interesting[rng.Next(Interesting.Length)]);
                    // Raw bytes are the final form: decoding them again would repair invalid UTF-8.
                    return [.. text];
                }
            }
            bytes = null;
        }
        return bytes ?? Encoding.UTF8.GetBytes(string.Concat(tokens));
    }
}
