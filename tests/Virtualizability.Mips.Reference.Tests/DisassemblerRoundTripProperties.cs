using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Virtualizability.Mips.Reference.Tests;

/// <summary>
/// The disassembler's text for every word it calls a valid instruction assembles back to that same word
/// with the GNU assembler. Words are batched into one assembler run per test case to keep it fast.
/// </summary>
public class DisassemblerRoundTripProperties
{
    // gas resolves a numeric branch target against the section start, so the batch is linked at 0 and
    // placed 128 KiB in: every branch target (±128 KiB) is then a non-negative address in the same J region.
    private const uint TextAddress = 0x2_0000;

    /// <summary>
    /// gas rejects a bare number beyond ±128 KiB as a branch target even when the branch can reach it, so the
    /// absolute target of a branch is written as <c>origin + 0x…</c>, with <c>origin</c> a label at address 0:
    /// the same address, spelled so that gas resolves it inside the section.
    /// </summary>
    private static string AnchorBranchTarget(string line)
    {
        bool isBranch = line.StartsWith('b') && !line.StartsWith("break", StringComparison.Ordinal);
        int lastComma = line.LastIndexOf(' ');
        return isBranch ? line[..(lastComma + 1)] + "origin + " + line[(lastComma + 1)..] : line;
    }

    /// <summary>Random words, weighted towards the opcode groups with sub-opcodes (SPECIAL, REGIMM, COP0, SPECIAL2/3).</summary>
    private static Gen<uint> InstructionWord()
    {
        var any = Gen.Choose(int.MinValue, int.MaxValue).Select(v => (uint)v);
        var low26 = Gen.Choose(0, (1 << 26) - 1).Select(v => (uint)v);
        Gen<uint> WithOpcode(uint opcode) => low26.Select(v => (opcode << 26) | v);
        var cop0 = Gen.Zip(Gen.Elements(0u, 4u, 0xAu, 0xBu, 0xEu, 0x10u), Gen.Choose(0, (1 << 21) - 1))
            .Select(t => (0x10u << 26) | (t.Item1 << 21) | ((uint)t.Item2 & SparseCop0Bits()));
        return Gen.OneOf(any, WithOpcode(0x00), WithOpcode(0x01), WithOpcode(0x1C), WithOpcode(0x1F), cop0, SpecialWithZeroSa());
    }

    /// <summary>COP0 words keep rt, rd and the low bits mostly, so MFC0/MTC0/TLB ops/ERET appear often.</summary>
    private static uint SparseCop0Bits() => 0x001F_F83F;

    private static Gen<uint> SpecialWithZeroSa() =>
        Gen.Choose(0, (1 << 26) - 1).Select(v => (uint)v & ~0x7C0u);

    [Property(MaxTest = 10)]
    public Property Valid_instructions_reassemble_to_the_same_word() =>
        Prop.ForAll(InstructionWord().ArrayOf(200).ToArbitrary(), words =>
        {
            var lines = words.Select((word, index) => MipsDisassembler.TryDisassemble(word, TextAddress + 4u * (uint)index, out var text)
                ? text : $".word 0x{word:x8}").ToList();
            string source = $".set noreorder\n.set noat\n.set nomacro\n.text\norigin:\n.org 0x{TextAddress:x}\n" +
                string.Join("\n", lines.Select(AnchorBranchTarget)) + "\n";
            var directory = CrossToolchain.NewWorkDirectory();
            try
            {
                var bytes = CrossToolchain.AssembleToBinary(source, 0, directory).AsSpan((int)TextAddress).ToArray();
                // .text is padded to its 16-byte alignment; a macro expansion would shift the words and show as mismatches.
                Assert.True(bytes.Length >= 4 * words.Length, $"assembler produced {bytes.Length} bytes for {words.Length} words");
                var mismatches = new List<string>();
                for (int i = 0; i < words.Length; i++)
                {
                    uint assembled = BitConverter.ToUInt32(bytes, 4 * i);
                    if (assembled != words[i])
                        mismatches.Add($"0x{words[i]:x8} -> '{lines[i]}' -> 0x{assembled:x8}");
                }
                Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        });

    [Fact]
    public void A_fixed_sample_prints_as_objdump_would_spell_it()
    {
        Assert.Equal("addiu $sp, $sp, -32", MipsDisassembler.Disassemble(0x27BD_FFE0, 0));
        Assert.Equal("jal 0x80100040", MipsDisassembler.Disassemble(0x0C04_0010, 0x8010_0000));
        Assert.Equal("beq $a0, $zero, 0x80000010", MipsDisassembler.Disassemble(0x1080_0003, 0x8000_0000));
        Assert.Equal("mfc0 $t0, $12, 1", MipsDisassembler.Disassemble(0x4008_6001, 0));
        Assert.Equal("ext $v0, $a0, 4, 8", MipsDisassembler.Disassemble(0x7C82_3900, 0));
        Assert.Equal("eret", MipsDisassembler.Disassemble(0x4200_0018, 0));
        Assert.Equal(".word 0xffffffff", MipsDisassembler.Disassemble(0xFFFF_FFFF, 0));
        Assert.False(MipsDisassembler.TryDisassemble(0x4600_0000, 0, out _)); // COP1: not this CPU
    }
}
