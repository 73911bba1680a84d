using System.Globalization;

namespace Virtualizability.Mips.Reference;

/// <summary>
/// Prints one instruction word in the GNU assembler's syntax, so that the text assembles back to the same
/// word with <c>mipsel-linux-gnu-as -march=mips32r2</c> under <c>.set noreorder</c>, <c>.set noat</c> and
/// <c>.set nomacro</c>. Branch and jump targets are printed as absolute addresses computed from
/// <c>pc</c>. Words the decoder does not accept print as <c>.word 0x…</c>.
/// </summary>
public static class MipsDisassembler
{
    public static string Disassemble(uint word, uint pc) =>
        TryDisassemble(word, pc, out var text) ? text : $".word 0x{word:x8}";

    /// <summary>False (and a <c>.word</c> line) for reserved words, the COP1/COP2 instructions this CPU lacks, and
    /// UNPREDICTABLE operand combinations an assembler rejects (CLZ/CLO rt ≠ rd, JALR rd = rs, BLTZAL-family rs = 31).</summary>
    public static bool TryDisassemble(uint word, uint pc, out string text)
    {
        var i = MipsDecoder.Decode(word);
        bool spellable = i.Mnemonic is not (Mnemonic.Reserved or Mnemonic.Cop1 or Mnemonic.Cop2) && !Unpredictable(i);
        text = (spellable ? Format(i, pc) : null) ?? $".word 0x{word:x8}";
        return spellable;
    }

    /// <summary>Accepted words that assemblers refuse to spell: the UNPREDICTABLE operand combinations of Vol. II.</summary>
    private static bool Unpredictable(Instruction i) => i.Mnemonic switch
    {
        Mnemonic.Clz or Mnemonic.Clo => i.Rt != i.Rd,
        Mnemonic.Jalr => i.Rd == i.Rs,
        Mnemonic.Bltzal or Mnemonic.Bgezal or Mnemonic.Bltzall or Mnemonic.Bgezall => i.Rs == 31,
        _ => false,
    };

    private static string Reg(int index) => "$" + MipsState.RegisterNames[index];
    private static string Hex(uint value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
    private static string Signed(uint value) => ((int)value).ToString(CultureInfo.InvariantCulture);

    private static string? Format(Instruction i, uint pc)
    {
        string name = i.Mnemonic.ToString().ToLowerInvariant();
        string rs = Reg(i.Rs), rt = Reg(i.Rt), rd = Reg(i.Rd);
        string memory = $"{Signed(i.SImm)}({rs})";
        uint delaySlot = pc + 4;
        string branchTarget = Hex(delaySlot + (i.SImm << 2));
        string hb = i.HazardBarrier ? ".hb" : "";
        return i.Mnemonic switch
        {
            Mnemonic.Reserved or Mnemonic.Cop1 or Mnemonic.Cop2 => null,
            Mnemonic.Sll when i.Word == 0 => "nop",
            Mnemonic.Sll when i.Word == 0x40 => "ssnop",
            Mnemonic.Sll when i.Word == 0xC0 => "ehb",
            Mnemonic.Sll or Mnemonic.Srl or Mnemonic.Sra or Mnemonic.Rotr => $"{name} {rd}, {rt}, {i.Sa}",
            Mnemonic.Sllv or Mnemonic.Srlv or Mnemonic.Srav or Mnemonic.Rotrv => $"{name} {rd}, {rt}, {rs}",
            Mnemonic.Jr => $"jr{hb} {rs}",
            Mnemonic.Jalr => $"jalr{hb} {rd}, {rs}",
            Mnemonic.Syscall => $"syscall {Hex((i.Word >> 6) & 0xF_FFFF)}",
            Mnemonic.Break => $"break {Hex((i.Word >> 16) & 0x3FF)}, {Hex((i.Word >> 6) & 0x3FF)}",
            Mnemonic.Sync => i.Sa == 0 ? "sync" : $"sync {i.Sa}",
            Mnemonic.Mfhi or Mnemonic.Mflo => $"{name} {rd}",
            Mnemonic.Mthi or Mnemonic.Mtlo => $"{name} {rs}",
            Mnemonic.Mult or Mnemonic.Multu or Mnemonic.Madd or Mnemonic.Maddu or Mnemonic.Msub or Mnemonic.Msubu
                => $"{name} {rs}, {rt}",
            // The three-operand form with $zero is the machine instruction; two operands would be a macro.
            Mnemonic.Div or Mnemonic.Divu => $"{name} $zero, {rs}, {rt}",
            Mnemonic.Add or Mnemonic.Addu or Mnemonic.Sub or Mnemonic.Subu or Mnemonic.And or Mnemonic.Or
                or Mnemonic.Xor or Mnemonic.Nor or Mnemonic.Slt or Mnemonic.Sltu or Mnemonic.Movz or Mnemonic.Movn
                or Mnemonic.Mul => $"{name} {rd}, {rs}, {rt}",
            Mnemonic.Tge or Mnemonic.Tgeu or Mnemonic.Tlt or Mnemonic.Tltu or Mnemonic.Teq or Mnemonic.Tne
                => $"{name} {rs}, {rt}, {Hex((i.Word >> 6) & 0x3FF)}",
            Mnemonic.Tgei or Mnemonic.Tgeiu or Mnemonic.Tlti or Mnemonic.Tltiu or Mnemonic.Teqi or Mnemonic.Tnei
                => $"{name} {rs}, {Signed(i.SImm)}",
            Mnemonic.Bltz or Mnemonic.Bgez or Mnemonic.Bltzl or Mnemonic.Bgezl or Mnemonic.Bltzal or Mnemonic.Bgezal
                or Mnemonic.Bltzall or Mnemonic.Bgezall or Mnemonic.Blez or Mnemonic.Bgtz or Mnemonic.Blezl
                or Mnemonic.Bgtzl => $"{name} {rs}, {branchTarget}",
            Mnemonic.Beq or Mnemonic.Bne or Mnemonic.Beql or Mnemonic.Bnel => $"{name} {rs}, {rt}, {branchTarget}",
            Mnemonic.J or Mnemonic.Jal => $"{name} {Hex((delaySlot & 0xF000_0000u) | (i.Target26 << 2))}",
            Mnemonic.Synci => $"synci {memory}",
            Mnemonic.Addi or Mnemonic.Addiu or Mnemonic.Slti or Mnemonic.Sltiu => $"{name} {rt}, {rs}, {Signed(i.SImm)}",
            Mnemonic.Andi or Mnemonic.Ori or Mnemonic.Xori => $"{name} {rt}, {rs}, {Hex(i.Imm)}",
            Mnemonic.Lui => $"lui {rt}, {Hex(i.Imm)}",
            Mnemonic.Lb or Mnemonic.Lh or Mnemonic.Lwl or Mnemonic.Lw or Mnemonic.Lbu or Mnemonic.Lhu or Mnemonic.Lwr
                or Mnemonic.Sb or Mnemonic.Sh or Mnemonic.Swl or Mnemonic.Sw or Mnemonic.Swr or Mnemonic.Ll
                or Mnemonic.Sc => $"{name} {rt}, {memory}",
            Mnemonic.Cache or Mnemonic.Pref => $"{name} {Hex((uint)i.Rt)}, {memory}",
            Mnemonic.Mfc0 or Mnemonic.Mtc0 => i.Sel == 0 ? $"{name} {rt}, ${i.Rd}" : $"{name} {rt}, ${i.Rd}, {i.Sel}",
            Mnemonic.Rdpgpr or Mnemonic.Wrpgpr => $"{name} {rd}, {rt}",
            Mnemonic.Di or Mnemonic.Ei => $"{name} {rt}",
            Mnemonic.Tlbr or Mnemonic.Tlbwi or Mnemonic.Tlbwr or Mnemonic.Tlbp or Mnemonic.Eret => name,
            Mnemonic.Wait => ((i.Word >> 6) & 0x7_FFFF) == 0 ? "wait" : $"wait {Hex((i.Word >> 6) & 0x7_FFFF)}",
            Mnemonic.Clz or Mnemonic.Clo => $"{name} {rd}, {rs}",
            Mnemonic.Ext => $"ext {rt}, {rs}, {i.Sa}, {i.Rd + 1}",
            Mnemonic.Ins => $"ins {rt}, {rs}, {i.Sa}, {i.Rd - i.Sa + 1}",
            Mnemonic.Wsbh or Mnemonic.Seb or Mnemonic.Seh => $"{name} {rd}, {rt}",
            Mnemonic.Rdhwr => $"rdhwr {rt}, ${i.Rd}",
            _ => throw new InvalidOperationException($"no format for {i.Mnemonic}"),
        };
    }
}
