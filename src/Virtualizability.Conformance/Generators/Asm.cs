namespace Virtualizability.Conformance.Generators;

/// <summary>Encoders for the few fixed instructions the generators place (Vol. II encodings).</summary>
internal static class Asm
{
    public const uint Nop = 0;
    public const int K0 = 26;
    public const int Zero = 0;

    public static uint RType(int rs, int rt, int rd, int sa, uint funct) =>
        ((uint)rs << 21) | ((uint)rt << 16) | ((uint)rd << 11) | ((uint)sa << 6) | funct;

    public static uint IType(uint opcode, int rs, int rt, uint imm) =>
        (opcode << 26) | ((uint)rs << 21) | ((uint)rt << 16) | (imm & 0xFFFF);

    public static uint Mfc0(int rt, int rd, int sel = 0) => 0x4000_0000u | ((uint)rt << 16) | ((uint)rd << 11) | (uint)sel;
    public static uint Mtc0(int rt, int rd, int sel = 0) => 0x4080_0000u | ((uint)rt << 16) | ((uint)rd << 11) | (uint)sel;
    public static uint Addiu(int rt, int rs, int imm) => IType(0x09, rs, rt, (uint)imm);
    public static uint Andi(int rt, int rs, uint imm) => IType(0x0C, rs, rt, imm);
    public static uint Bne(int rs, int rt, int offset) => IType(0x05, rs, rt, (uint)offset);
    public static uint Di(int rt) => 0x4160_6000u | ((uint)rt << 16);
    public const uint Eret = 0x4200_0018;
}
