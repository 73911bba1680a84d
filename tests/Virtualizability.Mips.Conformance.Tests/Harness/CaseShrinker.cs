namespace Virtualizability.Mips.Conformance.Tests.Harness;

/// <summary>
/// Shrinks a failing case towards a minimal program and a quiet initial state: fewer steps, instructions
/// replaced by NOPs from the end, zero memory, then state values set to zero one at a time. FsCheck keeps
/// every candidate that still fails and shrinks it further.
/// </summary>
internal static class CaseShrinker
{
    public static IEnumerable<ConformanceCase> Shrink(ConformanceCase c)
    {
        if (c.Steps > 1)
        {
            yield return c with { Steps = c.Steps / 2 };
            yield return c with { Steps = c.Steps - 1 };
        }
        int lastUseful = Array.FindLastIndex(c.Program, w => w != 0);
        if (lastUseful >= 0 && c.Program.Length > lastUseful + 1)
            yield return c with { Program = c.Program[..(lastUseful + 1)] };
        for (int i = c.Program.Length - 1; i >= 0; i--)
        {
            if (c.Program[i] == 0) continue;
            var program = (uint[])c.Program.Clone();
            program[i] = 0;
            yield return c with { Program = program };
        }
        if (c.MemorySeed != 0) yield return c with { MemorySeed = 0 };
        foreach (var state in SimplerStates(c.Initial)) yield return c with { Initial = state };
    }

    private static IEnumerable<MipsState> SimplerStates(MipsState s)
    {
        for (int i = 1; i < 32; i++)
            if (s.Gpr[i] != 0)
            {
                var t = s.Clone();
                t.Gpr[i] = 0;
                yield return t;
            }
        for (int i = 0; i < s.Tlb.Length; i++)
            if (s.Tlb[i] != default)
            {
                var t = s.Clone();
                t.Tlb[i] = default;
                yield return t;
            }
        foreach (var (get, set) in Simplifiable)
            if (get(s) != 0)
            {
                var t = s.Clone();
                set(t, 0);
                yield return t;
            }
        if (s.LLbit) yield return With(s, t => t.LLbit = false);
        if (s.InDelaySlot) yield return With(s, t => { t.InDelaySlot = false; t.NextPc = t.Pc + 4; });
        for (int bit = 0; bit < 32; bit++)
        {
            uint b = 1u << bit;
            if ((s.Status & b) != 0) yield return With(s, t => t.Status &= ~b);
            if ((s.Cause & b) != 0) yield return With(s, t => t.Cause &= ~b);
        }
    }

    private static MipsState With(MipsState s, Action<MipsState> change)
    {
        var t = s.Clone();
        change(t);
        return t;
    }

    private static readonly (Func<MipsState, uint> Get, Action<MipsState, uint> Set)[] Simplifiable =
    [
        (s => s.Hi, (s, v) => s.Hi = v), (s => s.Lo, (s, v) => s.Lo = v),
        (s => s.Index, (s, v) => s.Index = v), (s => s.EntryLo0, (s, v) => s.EntryLo0 = v),
        (s => s.EntryLo1, (s, v) => s.EntryLo1 = v), (s => s.Context, (s, v) => s.Context = v),
        (s => s.UserLocal, (s, v) => s.UserLocal = v), (s => s.PageMask, (s, v) => s.PageMask = v),
        (s => s.HWREna, (s, v) => s.HWREna = v), (s => s.BadVAddr, (s, v) => s.BadVAddr = v),
        (s => s.Count, (s, v) => s.Count = v), (s => s.EntryHi, (s, v) => s.EntryHi = v),
        (s => s.Compare, (s, v) => s.Compare = v), (s => s.EPC, (s, v) => s.EPC = v),
        (s => s.ErrorEPC, (s, v) => s.ErrorEPC = v), (s => s.LLAddr, (s, v) => s.LLAddr = v),
    ];
}
