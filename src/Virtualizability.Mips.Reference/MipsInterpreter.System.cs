using static Virtualizability.Mips.Reference.Cp0Bits;

namespace Virtualizability.Mips.Reference;

/// <summary>CP0 instructions, TLB maintenance, ERET, WAIT and RDHWR (Vol. II; Vol. III chapters 4 and 9).</summary>
public sealed partial class MipsInterpreter
{
    private ControlFlow ExecuteSystem(Instruction i)
    {
        // Every mnemonic handled here is a CP0 instruction except RDHWR; Execute has already raised
        // Coprocessor Unusable for them when CP0 is not usable.
        var s = State;
        switch (i.Mnemonic)
        {
            case Mnemonic.Mfc0: W(i.Rt, ReadCp0(i.Rd, i.Sel)); break;
            case Mnemonic.Mtc0: WriteCp0(i.Rd, i.Sel, R(i.Rt)); break;
            // One shadow register set (SRSCtl.HSS = 0, PSS = 0): the previous set is the current one.
            case Mnemonic.Rdpgpr:
            case Mnemonic.Wrpgpr:
                W(i.Rd, R(i.Rt));
                break;
            case Mnemonic.Di: W(i.Rt, s.Status); s.Status &= ~StatusIE; break;
            case Mnemonic.Ei: W(i.Rt, s.Status); s.Status |= StatusIE; break;
            case Mnemonic.Tlbr: ReadTlbEntry(); break;
            case Mnemonic.Tlbwi: WriteTlbEntry((int)(s.Index & 0xF)); break;
            case Mnemonic.Tlbwr:
                WriteTlbEntry((int)(s.Random & 0xF));
                s.Random = s.Random <= s.Wired ? TlbEntries - 1 : s.Random - 1;
                break;
            case Mnemonic.Tlbp: ProbeTlb(); break;
            case Mnemonic.Eret: return ReturnFromException();
            case Mnemonic.Wait: return ControlFlow.Waiting;
            case Mnemonic.Rdhwr: W(i.Rt, ReadHardwareRegister(i.Rd)); break;
            default: throw new InvalidOperationException($"decoder produced unhandled mnemonic {i.Mnemonic}");
        }
        return ControlFlow.Next;
    }

    /// <summary>ERET (Vol. II): return to ErrorEPC clearing ERL if ERL is set, else to EPC clearing EXL; clears LLbit; no delay slot.</summary>
    private ControlFlow ReturnFromException()
    {
        var s = State;
        uint target;
        if ((s.Status & StatusERL) != 0)
        {
            target = s.ErrorEPC;
            s.Status &= ~StatusERL;
        }
        else
        {
            target = s.EPC;
            s.Status &= ~StatusEXL;
        }
        s.LLbit = false;
        return ControlFlow.JumpWithoutDelaySlot(target);
    }

    /// <summary>
    /// RDHWR (Vol. II): allowed in kernel mode, with CU0, or when the HWREna bit of the register is set;
    /// otherwise, and for registers that do not exist, Reserved Instruction.
    /// </summary>
    private uint ReadHardwareRegister(int register)
    {
        uint? value = register switch
        {
            0 => State.EBase & 0x3FF,   // CPUNum
            1 => SynciStep,
            2 => State.Count,           // CC
            3 => CountResolution,       // CCRes
            29 => State.UserLocal,      // ULR (Config3.ULRI = 1)
            _ => null,
        };
        bool enabled = Cp0Usable || (State.HWREna & (1u << register)) != 0;
        if (value is null || !enabled) throw new GuestException(ExceptionCode.ReservedInstruction);
        return value.Value;
    }

    /// <summary>MFC0: registers this CPU does not implement read as zero.</summary>
    private uint ReadCp0(int register, int select)
    {
        var s = State;
        return (register, select) switch
        {
            (0, 0) => s.Index,
            (1, 0) => s.Random,
            (2, 0) => s.EntryLo0,
            (3, 0) => s.EntryLo1,
            (4, 0) => s.Context,
            (4, 2) => s.UserLocal,
            (5, 0) => s.PageMask,
            (6, 0) => s.Wired,
            (7, 0) => s.HWREna,
            (8, 0) => s.BadVAddr,
            (9, 0) => s.Count,
            (10, 0) => s.EntryHi,
            (11, 0) => s.Compare,
            (12, 0) => s.Status,
            (12, 1) => s.IntCtl,
            (12, 2) => s.SRSCtl,
            (13, 0) => s.Cause,
            (14, 0) => s.EPC,
            (15, 0) => PRId24Kc,
            (15, 1) => s.EBase,
            (16, 0) => s.Config0,
            (16, 1) => Config1,
            (16, 2) => Config2,
            (16, 3) => Config3,
            (17, 0) => s.LLAddr,
            (30, 0) => s.ErrorEPC,
            _ => 0,
        };
    }

    /// <summary>MTC0 through the write masks of <see cref="Cp0WriteMasks"/>; read-only and unimplemented registers ignore writes.</summary>
    private void WriteCp0(int register, int select, uint value)
    {
        var s = State;
        switch (register, select)
        {
            case (0, 0):
                // QEMU ignores an index beyond the TLB; P (bit 31) is read-only.
                if ((value & 0x7FFF_FFFFu) < TlbEntries) s.Index = (s.Index & IndexProbeFailure) | (value & Cp0WriteMasks.Index);
                break;
            case (2, 0): s.EntryLo0 = value & Cp0WriteMasks.EntryLo; break;
            case (3, 0): s.EntryLo1 = value & Cp0WriteMasks.EntryLo; break;
            case (4, 0): s.Context = Merge(s.Context, value, Cp0WriteMasks.Context); break;
            case (4, 2): s.UserLocal = value; break;
            case (5, 0): s.PageMask = ValidPageMask(value); break;
            case (6, 0):
                // Writing Wired resets Random to the top entry (Vol. III 9.5).
                s.Wired = value & Cp0WriteMasks.Wired;
                s.Random = TlbEntries - 1;
                break;
            case (7, 0): s.HWREna = value & Cp0WriteMasks.HWREna; break;
            case (9, 0): s.Count = value; break;
            case (10, 0): s.EntryHi = value & Cp0WriteMasks.EntryHi; break;
            case (11, 0):
                // Writing Compare acknowledges the timer interrupt (Vol. III 9.12).
                s.Compare = value;
                s.Cause &= ~(CauseTI | CauseIP7);
                break;
            case (12, 0):
                s.Status = (value & Cp0WriteMasks.Status) | (s.Status & value & Cp0WriteMasks.StatusClearOnly);
                break;
            case (12, 1): s.IntCtl = Merge(s.IntCtl, value, Cp0WriteMasks.IntCtl); break;
            case (13, 0): s.Cause = Merge(s.Cause, value, Cp0WriteMasks.Cause); break;
            case (14, 0): s.EPC = value; break;
            case (15, 1): s.EBase = Merge(s.EBase, value, Cp0WriteMasks.EBase); break;
            case (16, 0): s.Config0 = Merge(s.Config0, value, Cp0WriteMasks.Config0); break;
            case (30, 0): s.ErrorEPC = value; break;
        }
    }

    private static uint Merge(uint old, uint value, uint writable) => (old & ~writable) | (value & writable);

    /// <summary>
    /// PageMask accepts 4 KiB..256 MiB pages (Mask = 0, 3, 0xF, ... 0xFFFF in bits 28..13); any other
    /// pattern is UNDEFINED in Vol. III 9.7 and, as QEMU does, writes 0 (4 KiB pages).
    /// </summary>
    private static uint ValidPageMask(uint value)
    {
        uint mask = (value >> 13) & 0xFFFF;
        bool valid = mask is 0x0000 or 0x0003 or 0x000F or 0x003F or 0x00FF or 0x03FF or 0x0FFF or 0x3FFF or 0xFFFF;
        return valid ? mask << 13 : 0;
    }

    /// <summary>
    /// TLBWI/TLBWR: the entry's G is EntryLo0.G AND EntryLo1.G, kept in both halves. PFN bits under the page
    /// mask are stored as zero, VPN2 as written (Vol. III TLBR: masking is implementation dependent; as QEMU's
    /// r4k_fill_tlb), so TLBR returns the PFN cleared below the page size.
    /// </summary>
    private TlbEntry EntryFromRegisters()
    {
        var s = State;
        uint global = s.EntryLo0 & s.EntryLo1 & 1;
        uint pfnKeep = ~(s.PageMask >> 7); // PageMask bit 13 + k covers PFN bit 6 + k
        return new TlbEntry(s.EntryHi, s.PageMask,
            (s.EntryLo0 & pfnKeep & ~1u) | global, (s.EntryLo1 & pfnKeep & ~1u) | global);
    }

    /// <summary>
    /// TLBWI/TLBWR. The 24K core checks the new entry against the others and takes a Machine Check, setting
    /// Status.TS, when both would match some address: their VPN2s agree above both masks and one is global
    /// or their ASIDs are equal (24K SUM, "Machine Check Exception"; Vol. III 4.10.1). The entry is not written.
    /// </summary>
    private void WriteTlbEntry(int target)
    {
        var s = State;
        var entry = EntryFromRegisters();
        for (int j = 0; j < s.Tlb.Length; j++)
        {
            if (j == target) continue;
            var other = s.Tlb[j];
            uint ignored = other.PageMask | entry.PageMask | 0x1FFFu;
            bool sameRange = (entry.EntryHi & ~ignored) == (other.EntryHi & ~ignored);
            if (sameRange && (entry.Global || other.Global || entry.Asid == other.Asid))
            {
                s.Status |= StatusTS;
                throw new GuestException(ExceptionCode.MachineCheck);
            }
        }
        s.Tlb[target] = entry;
    }

    private void ReadTlbEntry()
    {
        var s = State;
        var entry = s.Tlb[s.Index & 0xF];
        s.EntryHi = entry.EntryHi;
        s.PageMask = entry.PageMask;
        s.EntryLo0 = entry.EntryLo0;
        s.EntryLo1 = entry.EntryLo1;
    }

    /// <summary>TLBP: Index = the lowest matching entry, or P set (other bits kept, as QEMU) when none matches.</summary>
    private void ProbeTlb()
    {
        var s = State;
        for (int index = 0; index < s.Tlb.Length; index++)
        {
            var entry = s.Tlb[index];
            uint ignored = entry.PairOffsetMask;
            bool vpnMatches = (s.EntryHi & ~ignored) == (entry.EntryHi & ~ignored);
            bool asidMatches = entry.Global || entry.Asid == (byte)s.EntryHi;
            if (vpnMatches && asidMatches)
            {
                s.Index = (uint)index;
                return;
            }
        }
        s.Index |= IndexProbeFailure;
    }
}
