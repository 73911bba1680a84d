using Virtualizability.Isa.Ir;

namespace Virtualizability.Execution.Decoding;

/// <summary>
/// Decoder for variable-length byte encodings. Candidates are bucketed by the first byte. Further bytes are
/// fetched only when a candidate still agrees with every byte seen so far, so a decoder never asks for a byte
/// (and never takes a fetch fault) that no remaining pattern needs.
/// </summary>
internal sealed class ByteDecoder
{
    private readonly Candidate[][] _buckets = new Candidate[256][];

    private sealed record Candidate(InstructionDecl Instruction, byte[] Masks, byte[] Values);

    public ByteDecoder(IEnumerable<InstructionDecl> instructions)
    {
        var candidates = Specificity.MostSpecificFirst(instructions).Select(Split).ToArray();
        for (var first = 0; first < 256; first++)
            _buckets[first] = candidates.Where(c => (first & c.Masks[0]) == c.Values[0]).ToArray();
    }

    public enum Outcome { Decoded, Undefined, FetchTrapped }

    /// <summary>Decodes one instruction. <paramref name="word"/> holds its bytes, first byte most significant, as patterns number them.</summary>
    public Outcome Decode<TSource>(ref TSource source, out InstructionDecl? instruction, out UInt128 word)
        where TSource : IByteSource, allows ref struct
    {
        instruction = null;
        word = UInt128.Zero;
        Span<byte> bytes = stackalloc byte[16];
        var fetched = 0;
        if (!source.TryFetch(0, out var first)) return Outcome.FetchTrapped;
        bytes[fetched++] = first;
        foreach (var candidate in _buckets[first])
        {
            var matches = true;
            for (var i = 1; i < candidate.Masks.Length && matches; i++)
            {
                if (i >= fetched)
                {
                    if (!source.TryFetch(i, out var next)) return Outcome.FetchTrapped;
                    bytes[fetched++] = next;
                }
                matches = (bytes[i] & candidate.Masks[i]) == candidate.Values[i];
            }
            if (!matches) continue;
            instruction = candidate.Instruction;
            for (var i = 0; i < candidate.Masks.Length; i++) word = (word << 8) | bytes[i];
            return Outcome.Decoded;
        }
        return Outcome.Undefined;
    }

    /// <summary>Where instruction bytes come from: the machine's fetch function, or a buffer.</summary>
    public interface IByteSource
    {
        /// <summary>False when fetching the byte trapped (or the buffer ended).</summary>
        bool TryFetch(int offset, out byte value);
    }

    /// <summary>Bytes from a buffer, for decoding without a machine.</summary>
    public ref struct SpanSource(ReadOnlySpan<byte> bytes) : IByteSource
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public readonly bool TryFetch(int offset, out byte value)
        {
            value = offset < _bytes.Length ? _bytes[offset] : (byte)0;
            return offset < _bytes.Length;
        }
    }

    /// <summary>Byte i of a pattern is bits [Length - 8(i+1), Length - 8i) of its mask and value.</summary>
    private static Candidate Split(InstructionDecl instruction)
    {
        var pattern = instruction.Encoding;
        var count = pattern.Length / 8;
        var masks = new byte[count];
        var values = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var shift = pattern.Length - 8 * (i + 1);
            masks[i] = (byte)(pattern.Mask >> shift);
            values[i] = (byte)(pattern.Value >> shift);
        }
        return new Candidate(instruction, masks, values);
    }
}
