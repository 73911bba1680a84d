using System.Globalization;

namespace Virtualizability.Machines;

/// <summary>Sizes as users write them: a byte count with an optional K, M or G suffix (binary multiples), e.g. 256M.</summary>
public static class MemorySize
{
    /// <summary>Parses <paramref name="text"/>; null with <paramref name="error"/> set when it is not a positive size.</summary>
    public static long? TryParse(string text, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        var shift = 0;
        if (trimmed.Length > 0)
        {
            shift = char.ToUpperInvariant(trimmed[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, _ => 0 };
            if (shift != 0) trimmed = trimmed[..^1];
        }
        if (!long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            error = $"'{text}' is not a memory size (a positive number of bytes, optionally with K, M or G)";
            return null;
        }
        if (number > long.MaxValue >> shift)
        {
            error = $"'{text}' is too large";
            return null;
        }
        return number << shift;
    }

    /// <summary>"256 MiB", "1536 KiB", "100 bytes": the largest binary unit that divides the size.</summary>
    public static string Describe(long bytes) =>
        bytes % (1L << 30) == 0 ? $"{bytes >> 30} GiB"
        : bytes % (1L << 20) == 0 ? $"{bytes >> 20} MiB"
        : bytes % (1L << 10) == 0 ? $"{bytes >> 10} KiB"
        : $"{bytes} bytes";
}
