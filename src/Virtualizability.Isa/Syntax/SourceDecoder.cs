using System.Buffers;
using System.Text.Unicode;
using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Isa.Syntax;

/// <summary>Turns file bytes into text, reporting the position of the first byte that is not valid UTF-8.</summary>
internal static class SourceDecoder
{
    public static string? Decode(byte[] bytes, string file, DiagnosticBag diagnostics)
    {
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var input = bytes.AsSpan(start);
        var chars = new char[input.Length];
        var status = Utf8.ToUtf16(input, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done) return new string(chars, 0, written);

        // Line and column of the bad byte: count lines in the valid prefix, columns in UTF-16 units as the lexer does.
        var prefix = new string(chars, 0, written);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < prefix.Length; i++)
            if (prefix[i] == '\n') { line++; lineStart = i + 1; }
        var column = prefix.Length - lineStart + 1;
        var bad = read < input.Length ? input[read] : (byte)0;
        diagnostics.Error(DiagnosticCodes.InvalidUtf8, new SourceSpan(file, line, column, line, column + 1),
            $"the file is not valid UTF-8: byte 0x{bad:X2} at offset {start + read} does not start a valid sequence");
        return null;
    }

    public static string ForDisplay(char c) => c < 0x20 || c == 0x7F ? $"U+{(int)c:X4}" : c.ToString();
}
