namespace Virtualizability.Conformance.Generators;

/// <summary>
/// Instruction words: mostly a template of <see cref="InstructionTemplates"/> with random fields, nudged towards
/// valid operand combinations (implemented CP0 registers, in-range EXT/INS fields, CLZ/CLO with rt = rd, base
/// registers that point somewhere), sometimes a fully random word.
/// </summary>
internal static class InstructionGenerator
{
    private static readonly (int Rd, int Sel)[] Cp0Registers =
    [
        (0, 0), (1, 0), (2, 0), (3, 0), (4, 0), (4, 2), (5, 0), (6, 0), (7, 0), (8, 0), (9, 0), (10, 0), (11, 0),
        (12, 0), (12, 1), (12, 2), (13, 0), (14, 0), (15, 0), (15, 1), (16, 0), (16, 1), (16, 2), (16, 3), (17, 0), (30, 0),
    ];
    private static readonly int[] HardwareRegisters = [0, 1, 2, 3, 29];

    public static uint Any(Draw d) => d.Chance(0.1) ? d.Word() : FromTemplate(d, d.Pick(InstructionTemplates.All));

    public static uint FromTemplate(Draw d, InstructionTemplate t)
    {
        uint word = t.With(d.Word());
        if (!d.Chance(0.85)) return word;
        int rs = (int)(word >> 21) & 31, rt = (int)(word >> 16) & 31;
        switch (t.Name)
        {
            case "clz" or "clo":
                return SetField(word, 11, (uint)rt);
            case "ext":
            {
                int lsb = d.Int(32), size = d.Int(1, 33 - lsb);
                return SetField(SetField(word, 6, (uint)lsb), 11, (uint)(size - 1));
            }
            case "ins":
            {
                int lsb = d.Int(32), msb = d.Int(lsb, 32);
                return SetField(SetField(word, 6, (uint)lsb), 11, (uint)msb);
            }
            case "mfc0" or "mtc0":
            {
                var (rd, sel) = d.Pick(Cp0Registers);
                return (SetField(word, 11, (uint)rd) & ~7u) | (uint)sel;
            }
            case "rdhwr":
                return SetField(word, 11, (uint)d.Pick(HardwareRegisters));
            case "jalr" or "jalr.hb" when ((word >> 11) & 31) == rs:
                return SetField(word, 11, (uint)((rs + 1) & 31));
            case "wait":
                return d.Chance(0.8) ? t.Fixed : word;
        }
        if (t.Kind == TemplateKind.Memory) return (word & 0xFFFF_0000u) | d.Offset16();
        if (t.Kind == TemplateKind.Branch && d.Chance(0.5)) return (word & 0xFFFF_0000u) | ((uint)d.Int(-4, 8) & 0xFFFF);
        return word;
    }

    /// <summary>Replaces the 5-bit field at <paramref name="shift"/>.</summary>
    public static uint SetField(uint word, int shift, uint value) => (word & ~(31u << shift)) | ((value & 31) << shift);
}
