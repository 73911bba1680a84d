using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Virtualizability.Isa.Ir;

/// <summary>
/// The stem of the files written per instruction (`pgcheck prove`'s `&lt;stem&gt;.equivalence.smt2`, the skeleton's
/// `Interpreters/.../&lt;stem&gt;.cs`). Names are case-sensitive in the language, file names are not on every file system:
/// `ADD` and `add` wrote `ADD.equivalence.smt2` and `add.equivalence.smt2`, one file on macOS's or Windows' default
/// file system, so one proof silently replaced the other. The stem is the instruction's name, except that a name
/// equal ignoring case to an earlier instruction's gets "-N", N its declaration number (a '-' no name can contain,
/// so no stem equals another's). Specs without such names keep their file names. A name longer than
/// <see cref="MaxStemBytes"/> bytes (UTF-8) is cut there and gets "-N" too: file names are limited to 255 bytes on
/// the usual file systems, and the proof and routine files add up to ~90 bytes of suffix to the stem.
/// </summary>
public static class InstructionFiles
{
    /// <summary>The longest stem in UTF-8 bytes, before its "-N".</summary>
    public const int MaxStemBytes = 120;

    private static readonly ConditionalWeakTable<IsaModel, string[]> Stems = new();

    public static string Stem(IsaModel model, InstructionDecl instruction) =>
        Stems.GetValue(model, Compute) is var stems && instruction.Index < stems.Length && stems[instruction.Index] is { } stem
            && model.Instructions[instruction.Index].Name == instruction.Name
            ? stem
            : instruction.Name;

    private static string[] Compute(IsaModel model)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return [.. model.Instructions.Select(i =>
            Encoding.UTF8.GetByteCount(i.Name) > MaxStemBytes ? $"{Prefix(i.Name, MaxStemBytes)}-{i.Index}"
            : seen.Add(i.Name) ? i.Name
            : $"{i.Name}-{i.Index}")];
    }

    /// <summary>
    /// A spec-chosen piece of a file name (a part label naming exceptions, a lemma named after a function) kept within
    /// <paramref name="maxBytes"/> UTF-8 bytes: when longer, cut and followed by a hash of the whole, so pieces stay
    /// distinct and the file name within the file system's 255 bytes.
    /// </summary>
    public static string Bounded(string piece, int maxBytes) =>
        Encoding.UTF8.GetByteCount(piece) <= maxBytes ? piece
            : $"{Prefix(piece, maxBytes - 17)}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(piece)))[..16]}";

    /// <summary>The longest prefix of whole characters (never half a surrogate pair) within the given UTF-8 bytes.</summary>
    public static string Prefix(string text, int maxBytes)
    {
        var end = 0;
        var bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes) break;
            bytes += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }
        return text[..end];
    }
}
