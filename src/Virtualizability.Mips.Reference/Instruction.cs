namespace Virtualizability.Mips.Reference;

/// <summary>A decoded instruction word with its fields (Vol. II, 2.2 "Instruction formats").</summary>
public readonly record struct Instruction(Mnemonic Mnemonic, uint Word)
{
    public uint Opcode => Word >> 26;
    public int Rs => (int)((Word >> 21) & 31);
    public int Rt => (int)((Word >> 16) & 31);
    public int Rd => (int)((Word >> 11) & 31);
    public int Sa => (int)((Word >> 6) & 31);
    public uint Funct => Word & 63;
    public ushort Imm => (ushort)Word;
    /// <summary>The 16-bit immediate sign-extended to 32 bits.</summary>
    public uint SImm => (uint)(short)Word;
    public uint Target26 => Word & 0x03FF_FFFF;
    /// <summary>CP0 register select (bits 2..0 of MFC0/MTC0).</summary>
    public int Sel => (int)(Word & 7);
    /// <summary>JR.HB / JALR.HB: the hint field's top bit (Vol. II, JR.HB).</summary>
    public bool HazardBarrier => (Word & (1u << 10)) != 0;
}
