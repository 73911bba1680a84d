namespace Virtualizability.Mips.Reference;

/// <summary>
/// Maps a 32-bit word to its <see cref="Mnemonic"/> using the opcode tables of Vol. II, appendix A.
/// Policy: a field the manual says must be zero (or must equal another field, as rt = rd for CLZ/CLO)
/// makes the word <see cref="Mnemonic.Reserved"/> when it is not, so every accepted word has exactly one
/// assembly spelling. Real cores and QEMU are laxer; programs built by an assembler never notice.
/// </summary>
public static class MipsDecoder
{
    public static Instruction Decode(uint word) => new(DecodeMnemonic(word), word);

    private static Mnemonic DecodeMnemonic(uint word)
    {
        var f = new Instruction(Mnemonic.Reserved, word);
        return f.Opcode switch
        {
            0x00 => Special(f),
            0x01 => RegImm(f),
            0x02 => Mnemonic.J,
            0x03 => Mnemonic.Jal,
            0x04 => Mnemonic.Beq,
            0x05 => Mnemonic.Bne,
            0x06 => f.Rt == 0 ? Mnemonic.Blez : Mnemonic.Reserved,
            0x07 => f.Rt == 0 ? Mnemonic.Bgtz : Mnemonic.Reserved,
            0x08 => Mnemonic.Addi,
            0x09 => Mnemonic.Addiu,
            0x0A => Mnemonic.Slti,
            0x0B => Mnemonic.Sltiu,
            0x0C => Mnemonic.Andi,
            0x0D => Mnemonic.Ori,
            0x0E => Mnemonic.Xori,
            0x0F => f.Rs == 0 ? Mnemonic.Lui : Mnemonic.Reserved,
            0x10 => Cop0(f),
            0x11 => Mnemonic.Cop1,
            0x12 => Mnemonic.Cop2,
            0x13 => Mnemonic.Cop1, // COP1X in Release 2 (Vol. II, Table A.2)
            0x14 => Mnemonic.Beql,
            0x15 => Mnemonic.Bnel,
            0x16 => f.Rt == 0 ? Mnemonic.Blezl : Mnemonic.Reserved,
            0x17 => f.Rt == 0 ? Mnemonic.Bgtzl : Mnemonic.Reserved,
            0x1C => Special2(f),
            0x1F => Special3(f),
            0x20 => Mnemonic.Lb,
            0x21 => Mnemonic.Lh,
            0x22 => Mnemonic.Lwl,
            0x23 => Mnemonic.Lw,
            0x24 => Mnemonic.Lbu,
            0x25 => Mnemonic.Lhu,
            0x26 => Mnemonic.Lwr,
            0x28 => Mnemonic.Sb,
            0x29 => Mnemonic.Sh,
            0x2A => Mnemonic.Swl,
            0x2B => Mnemonic.Sw,
            0x2E => Mnemonic.Swr,
            0x2F => Mnemonic.Cache,
            0x30 => Mnemonic.Ll,
            0x31 or 0x35 or 0x39 or 0x3D => Mnemonic.Cop1, // LWC1, LDC1, SWC1, SDC1
            0x32 or 0x36 or 0x3A or 0x3E => Mnemonic.Cop2, // LWC2, LDC2, SWC2, SDC2
            0x33 => Mnemonic.Pref,
            0x38 => Mnemonic.Sc,
            _ => Mnemonic.Reserved, // includes JALX (0x1D): MIPS16e is not implemented
        };
    }

    private static Mnemonic Special(Instruction f)
    {
        bool saZero = f.Sa == 0;
        return f.Funct switch
        {
            0x00 => f.Rs == 0 ? Mnemonic.Sll : Mnemonic.Reserved,
            // MOVF/MOVT read the FPU condition codes; bit 17 and sa must be zero.
            0x01 => saZero && (f.Word & (1u << 17)) == 0 ? Mnemonic.Cop1 : Mnemonic.Reserved,
            0x02 => f.Rs switch { 0 => Mnemonic.Srl, 1 => Mnemonic.Rotr, _ => Mnemonic.Reserved },
            0x03 => f.Rs == 0 ? Mnemonic.Sra : Mnemonic.Reserved,
            0x04 => saZero ? Mnemonic.Sllv : Mnemonic.Reserved,
            0x06 => f.Sa switch { 0 => Mnemonic.Srlv, 1 => Mnemonic.Rotrv, _ => Mnemonic.Reserved },
            0x07 => saZero ? Mnemonic.Srav : Mnemonic.Reserved,
            0x08 => f.Rt == 0 && f.Rd == 0 && (f.Sa & 0xF) == 0 ? Mnemonic.Jr : Mnemonic.Reserved,
            // JALR with rd = rs is UNPREDICTABLE (Vol. II JALR); as QEMU it executes, reading rs before the link.
            0x09 => f.Rt == 0 && (f.Sa & 0xF) == 0 ? Mnemonic.Jalr : Mnemonic.Reserved,
            0x0A => saZero ? Mnemonic.Movz : Mnemonic.Reserved,
            0x0B => saZero ? Mnemonic.Movn : Mnemonic.Reserved,
            0x0C => Mnemonic.Syscall,
            0x0D => Mnemonic.Break,
            0x0F => (f.Word & 0x03FF_F800) == 0 ? Mnemonic.Sync : Mnemonic.Reserved,
            0x10 => f.Rs == 0 && f.Rt == 0 && saZero ? Mnemonic.Mfhi : Mnemonic.Reserved,
            0x11 => f.Rt == 0 && f.Rd == 0 && saZero ? Mnemonic.Mthi : Mnemonic.Reserved,
            0x12 => f.Rs == 0 && f.Rt == 0 && saZero ? Mnemonic.Mflo : Mnemonic.Reserved,
            0x13 => f.Rt == 0 && f.Rd == 0 && saZero ? Mnemonic.Mtlo : Mnemonic.Reserved,
            0x18 => f.Rd == 0 && saZero ? Mnemonic.Mult : Mnemonic.Reserved,
            0x19 => f.Rd == 0 && saZero ? Mnemonic.Multu : Mnemonic.Reserved,
            0x1A => f.Rd == 0 && saZero ? Mnemonic.Div : Mnemonic.Reserved,
            0x1B => f.Rd == 0 && saZero ? Mnemonic.Divu : Mnemonic.Reserved,
            0x20 => saZero ? Mnemonic.Add : Mnemonic.Reserved,
            0x21 => saZero ? Mnemonic.Addu : Mnemonic.Reserved,
            0x22 => saZero ? Mnemonic.Sub : Mnemonic.Reserved,
            0x23 => saZero ? Mnemonic.Subu : Mnemonic.Reserved,
            0x24 => saZero ? Mnemonic.And : Mnemonic.Reserved,
            0x25 => saZero ? Mnemonic.Or : Mnemonic.Reserved,
            0x26 => saZero ? Mnemonic.Xor : Mnemonic.Reserved,
            0x27 => saZero ? Mnemonic.Nor : Mnemonic.Reserved,
            0x2A => saZero ? Mnemonic.Slt : Mnemonic.Reserved,
            0x2B => saZero ? Mnemonic.Sltu : Mnemonic.Reserved,
            0x30 => Mnemonic.Tge,
            0x31 => Mnemonic.Tgeu,
            0x32 => Mnemonic.Tlt,
            0x33 => Mnemonic.Tltu,
            0x34 => Mnemonic.Teq,
            0x36 => Mnemonic.Tne,
            _ => Mnemonic.Reserved,
        };
    }

    /// <summary>The linking forms with rs = $31 are UNPREDICTABLE (Vol. II BLTZAL); as QEMU they execute, reading rs first.</summary>
    private static Mnemonic RegImm(Instruction f) => f.Rt switch
    {
        0x00 => Mnemonic.Bltz,
        0x01 => Mnemonic.Bgez,
        0x02 => Mnemonic.Bltzl,
        0x03 => Mnemonic.Bgezl,
        0x08 => Mnemonic.Tgei,
        0x09 => Mnemonic.Tgeiu,
        0x0A => Mnemonic.Tlti,
        0x0B => Mnemonic.Tltiu,
        0x0C => Mnemonic.Teqi,
        0x0E => Mnemonic.Tnei,
        0x10 => Mnemonic.Bltzal,
        0x11 => Mnemonic.Bgezal,
        0x12 => Mnemonic.Bltzall,
        0x13 => Mnemonic.Bgezall,
        0x1F => Mnemonic.Synci,
        _ => Mnemonic.Reserved,
    };

    private static Mnemonic Cop0(Instruction f)
    {
        uint low11 = f.Word & 0x7FF;
        switch (f.Rs)
        {
            case 0x00: return (f.Word & 0x7F8) == 0 ? Mnemonic.Mfc0 : Mnemonic.Reserved;
            case 0x04: return (f.Word & 0x7F8) == 0 ? Mnemonic.Mtc0 : Mnemonic.Reserved;
            case 0x0A: return low11 == 0 ? Mnemonic.Rdpgpr : Mnemonic.Reserved;
            case 0x0E: return low11 == 0 ? Mnemonic.Wrpgpr : Mnemonic.Reserved;
            case 0x0B: // MFMC0: DI and EI (Vol. II, DI): rd = 12, sc in bit 5, all else zero
                if (f.Rd != 12 || (low11 & ~0x20u) != 0) return Mnemonic.Reserved;
                return (low11 & 0x20) != 0 ? Mnemonic.Ei : Mnemonic.Di;
        }
        if (f.Rs < 0x10) return Mnemonic.Reserved;
        // CO = 1: the function field selects the operation; bits 24..6 must be zero except for WAIT,
        // whose bits 24..6 are an implementation-dependent code (Vol. II, WAIT).
        bool middleZero = (f.Word & 0x01FF_FFC0) == 0;
        return f.Funct switch
        {
            0x01 when middleZero => Mnemonic.Tlbr,
            0x02 when middleZero => Mnemonic.Tlbwi,
            0x06 when middleZero => Mnemonic.Tlbwr,
            0x08 when middleZero => Mnemonic.Tlbp,
            0x18 when middleZero => Mnemonic.Eret,
            0x20 => Mnemonic.Wait,
            _ => Mnemonic.Reserved,
        };
    }

    private static Mnemonic Special2(Instruction f)
    {
        bool accumulateForm = f.Rd == 0 && f.Sa == 0;
        return f.Funct switch
        {
            0x00 when accumulateForm => Mnemonic.Madd,
            0x01 when accumulateForm => Mnemonic.Maddu,
            0x02 when f.Sa == 0 => Mnemonic.Mul,
            0x04 when accumulateForm => Mnemonic.Msub,
            0x05 when accumulateForm => Mnemonic.Msubu,
            // Vol. II CLZ/CLO: rt must equal rd, else UNPREDICTABLE; as QEMU the result goes to rd.
            0x20 when f.Sa == 0 => Mnemonic.Clz,
            0x21 when f.Sa == 0 => Mnemonic.Clo,
            _ => Mnemonic.Reserved, // includes SDBBP: EJTAG is not implemented
        };
    }

    private static Mnemonic Special3(Instruction f)
    {
        switch (f.Funct)
        {
            case 0x00: // EXT: lsb = sa, msbd = rd; lsb + msbd + 1 must not exceed 32
                return f.Sa + f.Rd <= 31 ? Mnemonic.Ext : Mnemonic.Reserved;
            case 0x04: // INS: lsb = sa, msb = rd; msb must not be below lsb
                return f.Rd >= f.Sa ? Mnemonic.Ins : Mnemonic.Reserved;
            case 0x20 when f.Rs == 0:
                return f.Sa switch { 0x02 => Mnemonic.Wsbh, 0x10 => Mnemonic.Seb, 0x18 => Mnemonic.Seh, _ => Mnemonic.Reserved };
            case 0x3B when f.Rs == 0 && f.Sa == 0:
                return Mnemonic.Rdhwr;
            default:
                return Mnemonic.Reserved;
        }
    }
}
