namespace Virtualizability.Mips.Reference;

/// <summary>Every instruction the decoder recognises, plus the three ways a word can fail to be one.</summary>
public enum Mnemonic
{
    /// <summary>Not an instruction of this CPU, or a must-be-zero field is not zero: Reserved Instruction.</summary>
    Reserved,
    /// <summary>An FPU instruction (COP1, COP1X, LWC1/LDC1/SWC1/SDC1, MOVF/MOVT): Coprocessor Unusable, CE = 1.</summary>
    Cop1,
    /// <summary>A COP2 instruction (COP2, LWC2/LDC2/SWC2/SDC2): Coprocessor Unusable, CE = 2.</summary>
    Cop2,

    // SPECIAL
    Sll, Srl, Rotr, Sra, Sllv, Srlv, Rotrv, Srav, Jr, Jalr, Movz, Movn, Syscall, Break, Sync,
    Mfhi, Mthi, Mflo, Mtlo, Mult, Multu, Div, Divu,
    Add, Addu, Sub, Subu, And, Or, Xor, Nor, Slt, Sltu,
    Tge, Tgeu, Tlt, Tltu, Teq, Tne,
    // REGIMM
    Bltz, Bgez, Bltzl, Bgezl, Tgei, Tgeiu, Tlti, Tltiu, Teqi, Tnei, Bltzal, Bgezal, Bltzall, Bgezall, Synci,
    // Primary opcodes
    J, Jal, Beq, Bne, Blez, Bgtz, Beql, Bnel, Blezl, Bgtzl,
    Addi, Addiu, Slti, Sltiu, Andi, Ori, Xori, Lui,
    Lb, Lh, Lwl, Lw, Lbu, Lhu, Lwr, Sb, Sh, Swl, Sw, Swr, Cache, Ll, Pref, Sc,
    // COP0
    Mfc0, Mtc0, Rdpgpr, Wrpgpr, Di, Ei, Tlbr, Tlbwi, Tlbwr, Tlbp, Eret, Wait,
    // SPECIAL2
    Madd, Maddu, Mul, Msub, Msubu, Clz, Clo,
    // SPECIAL3
    Ext, Ins, Wsbh, Seb, Seh, Rdhwr,
}
