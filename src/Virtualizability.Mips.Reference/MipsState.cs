namespace Virtualizability.Mips.Reference;

/// <summary>
/// The complete architectural state of the CPU except physical memory: a flat bag of public values that a
/// test can set at random, copy with <see cref="Clone"/> and compare with <see cref="Diff"/>.
/// Read-only identification registers (PRId, Config1..3) are constants in <see cref="Cp0Bits"/>, not state.
/// </summary>
public sealed class MipsState
{
    public static readonly string[] RegisterNames =
    [
        "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
        "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "t8", "t9", "k0", "k1", "gp", "sp", "fp", "ra",
    ];

    /// <summary>General registers. Gpr[0] is kept 0: the interpreter never writes it.</summary>
    public uint[] Gpr { get; private set; } = new uint[32];
    public uint Hi { get; set; }
    public uint Lo { get; set; }

    /// <summary>Address of the next instruction to execute.</summary>
    public uint Pc { get; set; }
    /// <summary>Address of the instruction after it: Pc + 4, or a branch target when Pc is a delay slot.</summary>
    public uint NextPc { get; set; }
    /// <summary>True when the instruction at Pc is the delay slot of a taken (or non-likely) branch or jump;
    /// an exception there sets EPC to Pc - 4 and Cause.BD (Vol. III 6.2.1).</summary>
    public bool InDelaySlot { get; set; }
    /// <summary>
    /// The instruction at Pc is a WAIT that is waiting for an interrupt (Vol. II WAIT: the processor stays in
    /// the wait state until an interrupt is requested). An interrupt taken while waiting sets EPC to Pc + 4,
    /// the instruction after the WAIT.
    /// </summary>
    public bool Waiting { get; set; }
    /// <summary>The LL/SC link bit (Vol. II, LL and SC).</summary>
    public bool LLbit { get; set; }

    // CP0, in register-number order.
    public uint Index { get; set; }
    public uint Random { get; set; }
    public uint EntryLo0 { get; set; }
    public uint EntryLo1 { get; set; }
    public uint Context { get; set; }
    public uint UserLocal { get; set; }
    public uint PageMask { get; set; }
    public uint Wired { get; set; }
    public uint HWREna { get; set; }
    public uint BadVAddr { get; set; }
    public uint Count { get; set; }
    public uint EntryHi { get; set; }
    public uint Compare { get; set; }
    public uint Status { get; set; }
    public uint IntCtl { get; set; }
    public uint SRSCtl { get; set; }
    public uint Cause { get; set; }
    public uint EPC { get; set; }
    public uint EBase { get; set; }
    public uint Config0 { get; set; }
    public uint LLAddr { get; set; }
    public uint ErrorEPC { get; set; }

    public TlbEntry[] Tlb { get; private set; } = new TlbEntry[Cp0Bits.TlbEntries];

    /// <summary>
    /// The state a true hardware reset gives (Vol. III 6.2.6 "Reset Exception"): PC = 0xBFC00000,
    /// Status = BEV | ERL, Random = 15 (the top entry), Wired = 0, everything else zero except the
    /// fixed fields of Config0, IntCtl and EBase.
    /// </summary>
    public static MipsState HardwareReset()
    {
        var state = new MipsState
        {
            Status = Cp0Bits.StatusBEV | Cp0Bits.StatusERL,
            Random = Cp0Bits.TlbEntries - 1,
            Config0 = Cp0Bits.Config0Reset,
            IntCtl = Cp0Bits.IntCtlReset,
            EBase = Cp0Bits.EBaseReset,
        };
        // The TLB's reset contents are undefined on a real core; distinct kseg0 VPN2s (which no lookup can
        // match, kseg0 being unmapped) keep the first TLB write from meeting a duplicate and raising a
        // machine check, as firmware's own TLB initialisation would. The spec's reset does the same.
        for (var i = 0; i < state.Tlb.Length; i++) state.Tlb[i] = new TlbEntry(0x8000_0000u + ((uint)i << 13), 0, 0, 0);
        state.JumpTo(0xBFC0_0000);
        return state;
    }

    /// <summary>
    /// The state at an ELF entry point as QEMU 7.2's <c>-M malta -cpu 24Kc -kernel</c> gives it (DESIGN §6):
    /// kernel mode, Status = 0x00400000 (BEV set, ERL and EXL clear), EBase = 0x80000000,
    /// Config0 = 0x80000482. General registers are zero; setting the a0..a3 boot arguments is the board's job.
    /// </summary>
    public static MipsState AfterKernelLoad(uint entry)
    {
        var state = HardwareReset();
        state.Status = Cp0Bits.StatusBEV;
        state.JumpTo(entry);
        return state;
    }

    /// <summary>Continue execution at <paramref name="address"/>, outside any delay slot.</summary>
    public void JumpTo(uint address)
    {
        Pc = address;
        NextPc = address + 4;
        InDelaySlot = false;
        Waiting = false;
    }

    public MipsState Clone()
    {
        var clone = (MipsState)MemberwiseClone();
        clone.Gpr = (uint[])Gpr.Clone();
        clone.Tlb = (TlbEntry[])Tlb.Clone();
        return clone;
    }

    /// <summary>Every value of the state with its name, in a fixed order; the basis of Diff and ToString.</summary>
    public IEnumerable<(string Name, string Value)> Fields()
    {
        for (int i = 0; i < 32; i++) yield return ($"${RegisterNames[i]}", Hex(Gpr[i]));
        yield return ("HI", Hex(Hi));
        yield return ("LO", Hex(Lo));
        yield return ("PC", Hex(Pc));
        yield return ("NextPC", Hex(NextPc));
        yield return ("InDelaySlot", InDelaySlot.ToString());
        yield return ("Waiting", Waiting.ToString());
        yield return ("LLbit", LLbit.ToString());
        yield return ("Index", Hex(Index));
        yield return ("Random", Hex(Random));
        yield return ("EntryLo0", Hex(EntryLo0));
        yield return ("EntryLo1", Hex(EntryLo1));
        yield return ("Context", Hex(Context));
        yield return ("UserLocal", Hex(UserLocal));
        yield return ("PageMask", Hex(PageMask));
        yield return ("Wired", Hex(Wired));
        yield return ("HWREna", Hex(HWREna));
        yield return ("BadVAddr", Hex(BadVAddr));
        yield return ("Count", Hex(Count));
        yield return ("EntryHi", Hex(EntryHi));
        yield return ("Compare", Hex(Compare));
        yield return ("Status", Hex(Status));
        yield return ("IntCtl", Hex(IntCtl));
        yield return ("SRSCtl", Hex(SRSCtl));
        yield return ("Cause", Hex(Cause));
        yield return ("EPC", Hex(EPC));
        yield return ("EBase", Hex(EBase));
        yield return ("Config0", Hex(Config0));
        yield return ("LLAddr", Hex(LLAddr));
        yield return ("ErrorEPC", Hex(ErrorEPC));
        for (int i = 0; i < Tlb.Length; i++) yield return ($"TLB[{i}]", Tlb[i].ToString());
    }

    /// <summary>One line per differing value, "name: mine != theirs"; empty when the states are equal.</summary>
    public IReadOnlyList<string> Diff(MipsState other) =>
        StateEquals(other)
            ? []
            : Fields().Zip(other.Fields())
                .Where(pair => pair.First.Value != pair.Second.Value)
                .Select(pair => $"{pair.First.Name}: {pair.First.Value} != {pair.Second.Value}")
                .ToList();

    /// <summary>
    /// True when every value of <see cref="Fields"/> is equal. Compared as numbers, without formatting: property tests
    /// compare whole states after every step, and printing them is only needed when they differ.
    /// </summary>
    public bool StateEquals(MipsState other) =>
        Gpr.AsSpan().SequenceEqual(other.Gpr) && Tlb.AsSpan().SequenceEqual(other.Tlb)
        && (Hi, Lo, Pc, NextPc, InDelaySlot, Waiting, LLbit) == (other.Hi, other.Lo, other.Pc, other.NextPc, other.InDelaySlot, other.Waiting, other.LLbit)
        && (Index, Random, EntryLo0, EntryLo1, Context, UserLocal, PageMask, Wired, HWREna, BadVAddr, Count)
            == (other.Index, other.Random, other.EntryLo0, other.EntryLo1, other.Context, other.UserLocal, other.PageMask, other.Wired, other.HWREna, other.BadVAddr, other.Count)
        && (EntryHi, Compare, Status, IntCtl, SRSCtl, Cause, EPC, EBase, Config0, LLAddr, ErrorEPC)
            == (other.EntryHi, other.Compare, other.Status, other.IntCtl, other.SRSCtl, other.Cause, other.EPC, other.EBase, other.Config0, other.LLAddr, other.ErrorEPC);

    public override string ToString() => string.Join(Environment.NewLine, Fields().Select(f => $"{f.Name} = {f.Value}"));

    private static string Hex(uint value) => $"0x{value:X8}";
}
