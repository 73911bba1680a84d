using System.Numerics;

namespace Virtualizability.Mips.Reference;

/// <summary>The user-level instructions (Vol. II chapter 3), one case each.</summary>
public sealed partial class MipsInterpreter
{
    private uint R(int index) => State.Gpr[index];

    private void W(int index, uint value)
    {
        if (index != 0) State.Gpr[index] = value; // r0 is hardwired to zero
    }

    private ControlFlow Execute(Instruction i)
    {
        // Coprocessor Unusable has priority over Reserved Instruction (Vol. III Table 6.1), so an opcode of
        // CP0 (0x10) or CACHE (0x2F) outside kernel mode without CU0 is CpU whatever its other fields.
        if ((i.Opcode == 0x10 || i.Opcode == 0x2F) && !Cp0Usable)
            throw new GuestException(ExceptionCode.CoprocessorUnusable) { CoprocessorNumber = 0 };

        // A branch or jump in a delay slot is UNPREDICTABLE (Vol. II 2.3); as QEMU, Reserved Instruction.
        if (State.InDelaySlot && IsBranchOrJump(i.Mnemonic)) throw new GuestException(ExceptionCode.ReservedInstruction);

        uint rs = R(i.Rs), rt = R(i.Rt);
        uint delaySlot = State.NextPc;
        uint branchTarget = delaySlot + (i.SImm << 2);
        switch (i.Mnemonic)
        {
            case Mnemonic.Reserved: throw new GuestException(ExceptionCode.ReservedInstruction);
            case Mnemonic.Cop1: throw new GuestException(ExceptionCode.CoprocessorUnusable) { CoprocessorNumber = 1 };
            case Mnemonic.Cop2: throw new GuestException(ExceptionCode.CoprocessorUnusable) { CoprocessorNumber = 2 };

            // Shifts and rotates (SLL r0,r0,0/1/3 are NOP/SSNOP/EHB: writes to r0 vanish)
            case Mnemonic.Sll: W(i.Rd, rt << i.Sa); break;
            case Mnemonic.Srl: W(i.Rd, rt >> i.Sa); break;
            case Mnemonic.Rotr: W(i.Rd, BitOperations.RotateRight(rt, i.Sa)); break;
            case Mnemonic.Sra: W(i.Rd, (uint)((int)rt >> i.Sa)); break;
            case Mnemonic.Sllv: W(i.Rd, rt << (int)(rs & 31)); break;
            case Mnemonic.Srlv: W(i.Rd, rt >> (int)(rs & 31)); break;
            case Mnemonic.Rotrv: W(i.Rd, BitOperations.RotateRight(rt, (int)(rs & 31))); break;
            case Mnemonic.Srav: W(i.Rd, (uint)((int)rt >> (int)(rs & 31))); break;

            // Jumps: the link value is the address after the delay slot; JR.HB/JALR.HB also clear
            // hazards, which this in-order interpreter never has.
            case Mnemonic.Jr: return ControlFlow.BranchTo(rs);
            case Mnemonic.Jalr: W(i.Rd, delaySlot + 4); return ControlFlow.BranchTo(rs);
            case Mnemonic.J: return ControlFlow.BranchTo((delaySlot & 0xF000_0000u) | (i.Target26 << 2));
            case Mnemonic.Jal: W(31, delaySlot + 4); return ControlFlow.BranchTo((delaySlot & 0xF000_0000u) | (i.Target26 << 2));

            case Mnemonic.Movz: if (rt == 0) W(i.Rd, rs); break;
            case Mnemonic.Movn: if (rt != 0) W(i.Rd, rs); break;
            case Mnemonic.Syscall: throw new GuestException(ExceptionCode.Syscall);
            case Mnemonic.Break: throw new GuestException(ExceptionCode.Breakpoint);
            case Mnemonic.Sync: break; // one in-order CPU with no write buffer: nothing to order

            case Mnemonic.Mfhi: W(i.Rd, State.Hi); break;
            case Mnemonic.Mthi: State.Hi = rs; break;
            case Mnemonic.Mflo: W(i.Rd, State.Lo); break;
            case Mnemonic.Mtlo: State.Lo = rs; break;
            case Mnemonic.Mult: SetHiLo((ulong)((long)(int)rs * (int)rt)); break;
            case Mnemonic.Multu: SetHiLo((ulong)rs * rt); break;
            case Mnemonic.Div: DivideSigned(rs, rt); break;
            case Mnemonic.Divu: DivideUnsigned(rs, rt); break;
            case Mnemonic.Madd: SetHiLo(HiLo + (ulong)((long)(int)rs * (int)rt)); break;
            case Mnemonic.Maddu: SetHiLo(HiLo + (ulong)rs * rt); break;
            case Mnemonic.Msub: SetHiLo(HiLo - (ulong)((long)(int)rs * (int)rt)); break;
            case Mnemonic.Msubu: SetHiLo(HiLo - (ulong)rs * rt); break;
            // MUL leaves HI and LO unchanged on QEMU's 24Kc (measured); Vol. II calls them UNPREDICTABLE.
            case Mnemonic.Mul: W(i.Rd, (uint)((int)rs * (int)rt)); break;

            case Mnemonic.Add: W(i.Rd, AddTrappingOverflow(rs, rt)); break;
            case Mnemonic.Addu: W(i.Rd, rs + rt); break;
            case Mnemonic.Sub: W(i.Rd, SubtractTrappingOverflow(rs, rt)); break;
            case Mnemonic.Subu: W(i.Rd, rs - rt); break;
            case Mnemonic.And: W(i.Rd, rs & rt); break;
            case Mnemonic.Or: W(i.Rd, rs | rt); break;
            case Mnemonic.Xor: W(i.Rd, rs ^ rt); break;
            case Mnemonic.Nor: W(i.Rd, ~(rs | rt)); break;
            case Mnemonic.Slt: W(i.Rd, (int)rs < (int)rt ? 1u : 0u); break;
            case Mnemonic.Sltu: W(i.Rd, rs < rt ? 1u : 0u); break;

            case Mnemonic.Tge: TrapIf((int)rs >= (int)rt); break;
            case Mnemonic.Tgeu: TrapIf(rs >= rt); break;
            case Mnemonic.Tlt: TrapIf((int)rs < (int)rt); break;
            case Mnemonic.Tltu: TrapIf(rs < rt); break;
            case Mnemonic.Teq: TrapIf(rs == rt); break;
            case Mnemonic.Tne: TrapIf(rs != rt); break;
            case Mnemonic.Tgei: TrapIf((int)rs >= (int)i.SImm); break;
            case Mnemonic.Tgeiu: TrapIf(rs >= i.SImm); break; // immediate sign-extended, compared unsigned
            case Mnemonic.Tlti: TrapIf((int)rs < (int)i.SImm); break;
            case Mnemonic.Tltiu: TrapIf(rs < i.SImm); break;
            case Mnemonic.Teqi: TrapIf(rs == i.SImm); break;
            case Mnemonic.Tnei: TrapIf(rs != i.SImm); break;

            // Branches: the link register is written whether or not the branch is taken.
            case Mnemonic.Beq: return Branch(rs == rt, branchTarget);
            case Mnemonic.Bne: return Branch(rs != rt, branchTarget);
            case Mnemonic.Blez: return Branch((int)rs <= 0, branchTarget);
            case Mnemonic.Bgtz: return Branch((int)rs > 0, branchTarget);
            case Mnemonic.Bltz: return Branch((int)rs < 0, branchTarget);
            case Mnemonic.Bgez: return Branch((int)rs >= 0, branchTarget);
            case Mnemonic.Bltzal: W(31, delaySlot + 4); return Branch((int)rs < 0, branchTarget);
            case Mnemonic.Bgezal: W(31, delaySlot + 4); return Branch((int)rs >= 0, branchTarget);
            case Mnemonic.Beql: return BranchLikely(rs == rt, branchTarget);
            case Mnemonic.Bnel: return BranchLikely(rs != rt, branchTarget);
            case Mnemonic.Blezl: return BranchLikely((int)rs <= 0, branchTarget);
            case Mnemonic.Bgtzl: return BranchLikely((int)rs > 0, branchTarget);
            case Mnemonic.Bltzl: return BranchLikely((int)rs < 0, branchTarget);
            case Mnemonic.Bgezl: return BranchLikely((int)rs >= 0, branchTarget);
            case Mnemonic.Bltzall: W(31, delaySlot + 4); return BranchLikely((int)rs < 0, branchTarget);
            case Mnemonic.Bgezall: W(31, delaySlot + 4); return BranchLikely((int)rs >= 0, branchTarget);

            case Mnemonic.Addi: W(i.Rt, AddTrappingOverflow(rs, i.SImm)); break;
            case Mnemonic.Addiu: W(i.Rt, rs + i.SImm); break;
            case Mnemonic.Slti: W(i.Rt, (int)rs < (int)i.SImm ? 1u : 0u); break;
            case Mnemonic.Sltiu: W(i.Rt, rs < i.SImm ? 1u : 0u); break;
            case Mnemonic.Andi: W(i.Rt, rs & i.Imm); break;
            case Mnemonic.Ori: W(i.Rt, rs | i.Imm); break;
            case Mnemonic.Xori: W(i.Rt, rs ^ i.Imm); break;
            case Mnemonic.Lui: W(i.Rt, (uint)i.Imm << 16); break;

            case Mnemonic.Clz: W(i.Rd, (uint)BitOperations.LeadingZeroCount(rs)); break;
            case Mnemonic.Clo: W(i.Rd, (uint)BitOperations.LeadingZeroCount(~rs)); break;
            case Mnemonic.Ext: W(i.Rt, ExtractField(rs, i.Sa, i.Rd + 1)); break;
            case Mnemonic.Ins: W(i.Rt, InsertField(rt, rs, i.Sa, i.Rd - i.Sa + 1)); break;
            case Mnemonic.Wsbh: W(i.Rd, ((rt & 0x00FF_00FFu) << 8) | ((rt >> 8) & 0x00FF_00FFu)); break;
            case Mnemonic.Seb: W(i.Rd, (uint)(sbyte)rt); break;
            case Mnemonic.Seh: W(i.Rd, (uint)(short)rt); break;

            case Mnemonic.Lb: W(i.Rt, (uint)(sbyte)LoadData(rs + i.SImm, 1)); break;
            case Mnemonic.Lbu: W(i.Rt, LoadData(rs + i.SImm, 1)); break;
            case Mnemonic.Lh: W(i.Rt, (uint)(short)LoadData(rs + i.SImm, 2)); break;
            case Mnemonic.Lhu: W(i.Rt, LoadData(rs + i.SImm, 2)); break;
            case Mnemonic.Lw: W(i.Rt, LoadData(rs + i.SImm, 4)); break;
            case Mnemonic.Lwl: W(i.Rt, LoadWordPart(rs + i.SImm, rt, left: true)); break;
            case Mnemonic.Lwr: W(i.Rt, LoadWordPart(rs + i.SImm, rt, left: false)); break;
            case Mnemonic.Sb: StoreData(rs + i.SImm, 1, rt & 0xFF); break;
            case Mnemonic.Sh: StoreData(rs + i.SImm, 2, rt & 0xFFFF); break;
            case Mnemonic.Sw: StoreData(rs + i.SImm, 4, rt); break;
            case Mnemonic.Swl: StoreWordPart(rs + i.SImm, rt, left: true); break;
            case Mnemonic.Swr: StoreWordPart(rs + i.SImm, rt, left: false); break;
            case Mnemonic.Ll: LoadLinked(i, rs + i.SImm); break;
            case Mnemonic.Sc: StoreConditional(i, rs + i.SImm, rt); break;

            // PREF and SYNCI have no architectural effect without caches to model; Vol. II lets PREF
            // raise no exceptions, and QEMU treats SYNCI the same way. CACHE is privileged (checked above)
            // and otherwise a no-op here, as in QEMU for the cache operations an OS uses.
            case Mnemonic.Pref:
            case Mnemonic.Synci:
            case Mnemonic.Cache:
                break;

            default: return ExecuteSystem(i);
        }
        return ControlFlow.Next;
    }

    private static bool IsBranchOrJump(Mnemonic m) => m is Mnemonic.J or Mnemonic.Jal or Mnemonic.Jr or Mnemonic.Jalr
        or Mnemonic.Beq or Mnemonic.Bne or Mnemonic.Blez or Mnemonic.Bgtz or Mnemonic.Bltz or Mnemonic.Bgez
        or Mnemonic.Bltzal or Mnemonic.Bgezal or Mnemonic.Beql or Mnemonic.Bnel or Mnemonic.Blezl or Mnemonic.Bgtzl
        or Mnemonic.Bltzl or Mnemonic.Bgezl or Mnemonic.Bltzall or Mnemonic.Bgezall;

    private ulong HiLo => ((ulong)State.Hi << 32) | State.Lo;

    private void SetHiLo(ulong value)
    {
        State.Hi = (uint)(value >> 32);
        State.Lo = (uint)value;
    }

    /// <summary>
    /// DIV: Vol. II leaves HI/LO UNPREDICTABLE for a zero divisor and the quotient of 0x80000000 / -1 does
    /// not fit. Both cases follow QEMU (measured on its 24Kc): the divisor is replaced by 1, so LO = rs and HI = 0.
    /// </summary>
    private void DivideSigned(uint rs, uint rt)
    {
        int dividend = (int)rs, divisor = (int)rt;
        if (divisor == 0 || (dividend == int.MinValue && divisor == -1)) divisor = 1;
        State.Lo = (uint)(dividend / divisor);
        State.Hi = (uint)(dividend % divisor);
    }

    /// <summary>DIVU by zero: as QEMU, LO = rs and HI = 0.</summary>
    private void DivideUnsigned(uint rs, uint rt)
    {
        uint divisor = rt == 0 ? 1 : rt;
        State.Lo = rs / divisor;
        State.Hi = rs % divisor;
    }

    private static uint AddTrappingOverflow(uint a, uint b)
    {
        uint sum = a + b;
        // Overflow when both operands have the same sign and the result's sign differs.
        if (((a ^ sum) & (b ^ sum) & 0x8000_0000u) != 0) throw new GuestException(ExceptionCode.Overflow);
        return sum;
    }

    private static uint SubtractTrappingOverflow(uint a, uint b)
    {
        uint difference = a - b;
        if (((a ^ b) & (a ^ difference) & 0x8000_0000u) != 0) throw new GuestException(ExceptionCode.Overflow);
        return difference;
    }

    private static void TrapIf(bool condition)
    {
        if (condition) throw new GuestException(ExceptionCode.Trap);
    }

    private static uint FieldMask(int size) => size == 32 ? 0xFFFF_FFFFu : (1u << size) - 1;

    private static uint ExtractField(uint value, int position, int size) => (value >> position) & FieldMask(size);

    private static uint InsertField(uint target, uint source, int position, int size)
    {
        uint mask = FieldMask(size) << position;
        return (target & ~mask) | ((source << position) & mask);
    }

    private ControlFlow Branch(bool taken, uint target) =>
        ControlFlow.BranchTo(taken ? target : State.NextPc + 4);

    /// <summary>Branch-likely: when not taken the delay slot is nullified (Vol. II, BEQL).</summary>
    private static ControlFlow BranchLikely(bool taken, uint target) =>
        taken ? ControlFlow.BranchTo(target) : ControlFlow.Nullify;

    /// <summary>LL: also records the physical address in LLAddr (PA >> 4, as QEMU's 24Kc) and sets LLbit.</summary>
    private void LoadLinked(Instruction i, uint va)
    {
        if ((va & 3) != 0) throw AddressError(va, store: false);
        uint pa = Translate(va, AccessKind.Load);
        W(i.Rt, Bus.Read(pa, 4));
        State.LLAddr = pa >> 4;
        State.LLbit = true;
    }

    /// <summary>
    /// SC: stores and writes 1 to rt when LLbit is set, else writes 0 without storing. Translation and its
    /// exceptions happen in both cases. LLbit is cleared afterwards, so a second SC fails (as in QEMU).
    /// Only ERET and SC clear LLbit here: there is no other processor or coherent agent to break the link.
    /// </summary>
    private void StoreConditional(Instruction i, uint va, uint value)
    {
        if ((va & 3) != 0) throw AddressError(va, store: true);
        uint pa = Translate(va, AccessKind.Store);
        bool success = State.LLbit;
        if (success) Bus.Write(pa, 4, value);
        W(i.Rt, success ? 1u : 0u);
        State.LLbit = false;
    }
}
