using System.Numerics;
using Virtualizability.Isa.Ir;
using Virtualizability.Skeletons.Emit;

namespace Virtualizability.Skeletons.Files;

/// <summary>
/// Cpu/VirtualCpu.Decoder.cs: the spec's patterns, most specific first (more fixed bits, then longer, then spec order,
/// as the executable model's decoder orders them), each a mask-and-compare that calls the instruction's routine.
/// </summary>
internal sealed class DecoderFile(IsaModel model, string ns, string fetchMethod)
{
    public GeneratedFile File()
    {
        var w = CodeWriter.File(ns);
        w.Open("public sealed partial class VirtualCpu");
        var ordered = model.Instructions
            .OrderByDescending(i => (int)UInt128.PopCount(i.Encoding.Mask))
            .ThenByDescending(i => i.Encoding.Length)
            .ThenBy(i => i.Index)
            .ToList();
        if (model.Encoding.Kind == EncodingKind.Fixed) Fixed(w, ordered);
        else Bytes(w, ordered);
        w.Close();
        return new GeneratedFile("Cpu/VirtualCpu.Decoder.cs", w.ToString());
    }

    public static string Routine(InstructionDecl instruction) => SemanticsContext.Routine(instruction);

    private static void Fixed(CodeWriter w, List<InstructionDecl> ordered)
    {
        w.Summary("Decodes the fetched word and runs its instruction (or the spec's undefined block).");
        w.Open("private void DecodeAndExecute(ulong word)");
        foreach (var instruction in ordered)
        {
            var pattern = instruction.Encoding;
            w.Open($"if ((word & {Names.Hex((ulong)pattern.Mask)}) == {Names.Hex((ulong)pattern.Value)}) // {instruction.Name} \"{pattern.Text}\"");
            w.Line($"LastInstruction = {Names.Quote(instruction.Name)};");
            w.Line($"{Routine(instruction)}(word);");
            w.Line("return;");
            w.Close();
        }
        w.Line("Undefined();");
        w.Close();
    }

    private void Bytes(CodeWriter w, List<InstructionDecl> ordered)
    {
        w.Summary("""
            Decodes one instruction of bytes and runs it (or the spec's undefined block). A byte is fetched only when a
            pattern still agrees with every byte before it, so no fetch fault is taken for a byte no pattern needs.
            """);
        w.Open("private void DecodeAndExecute()");
        w.Line($"var bytes = new InstructionBytes(offset => {fetchMethod}((ulong)offset));");
        w.Line("bytes.Matches(0, 0x00, 0x00); // the first byte is always fetched (a fault there is the step's trap)");
        foreach (var instruction in ordered)
        {
            var pattern = instruction.Encoding;
            var count = pattern.Length / 8;
            var tests = Enumerable.Range(0, count).Select(i =>
            {
                var shift = pattern.Length - 8 * (i + 1);
                var mask = (byte)(pattern.Mask >> shift);
                var value = (byte)(pattern.Value >> shift);
                return $"bytes.Matches({i}, 0x{mask:X2}, 0x{value:X2})";
            }).ToList();
            var condition = string.Join(" && ", tests);
            w.Open($"if ({condition}) // {instruction.Name} \"{pattern.Text}\"");
            w.Line($"LastInstruction = {Names.Quote(instruction.Name)};");
            w.Line($"{Routine(instruction)}(bytes.Word({count}));");
            w.Line("return;");
            w.Close();
        }
        w.Line("Undefined();");
        w.Close();
        w.Line();
        w.Summary("The bytes of the instruction being decoded, fetched through the spec's fetch function on first use.");
        w.Open("private sealed class InstructionBytes(Func<int, ulong> fetch)");
        w.Line("private readonly List<byte> _bytes = [];");
        w.Line();
        w.Open("public bool Matches(int index, byte mask, byte value)");
        w.Line("while (_bytes.Count <= index) _bytes.Add((byte)fetch(_bytes.Count));");
        w.Line("return (_bytes[index] & mask) == value;");
        w.Close();
        w.Line();
        w.Line("/// <summary>The first count bytes as one number, the first byte most significant (as patterns number bits).</summary>");
        w.Open("public UInt128 Word(int count)");
        w.Line("while (_bytes.Count < count) _bytes.Add((byte)fetch(_bytes.Count));");
        w.Line("UInt128 word = 0;");
        w.Line("for (var i = 0; i < count; i++) word = (word << 8) | _bytes[i];");
        w.Line("return word;");
        w.Close();
        w.Close();
    }
}
