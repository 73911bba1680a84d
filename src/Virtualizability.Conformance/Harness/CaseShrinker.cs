using Virtualizability.Execution;

namespace Virtualizability.Conformance.Harness;

/// <summary>
/// Shrinks a failing case towards a minimal program and a quiet initial state: fewer steps, fewer instructions,
/// instructions replaced by NOPs from the end, zero memory, NOPs removed, each instruction's operand fields towards
/// zero (the fields of the spec's encoding of that word, keeping the instruction), then state values set to zero one
/// at a time and the bits of the general registers, HI and LO cleared one at a time. FsCheck keeps every candidate
/// that still fails and shrinks it further.
/// </summary>
public sealed class CaseShrinker(CompiledIsa isa)
{
    public IEnumerable<ConformanceCase> Shrink(ConformanceCase c)
    {
        if (c.Steps > 1)
        {
            yield return c with { Steps = c.Steps / 2 };
            yield return c with { Steps = c.Steps - 1 };
        }
        int lastUseful = Array.FindLastIndex(c.Program, w => w != 0);
        if (lastUseful >= 0 && c.Program.Length > lastUseful + 1)
            yield return c with { Program = c.Program[..(lastUseful + 1)] };
        // The words a run never reaches go first, in big pieces.
        if (c.Program.Length > 1)
        {
            yield return c with { Program = c.Program[..(c.Program.Length / 2)] };
            yield return c with { Program = c.Program[..^1] };
        }
        for (int i = c.Program.Length - 1; i >= 0; i--)
        {
            if (c.Program[i] == 0) continue;
            var program = (uint[])c.Program.Clone();
            program[i] = 0;
            yield return c with { Program = program };
        }
        if (c.MemorySeed != 0) yield return c with { MemorySeed = 0 };
        // NOPs go one at a time, so that what fails moves to the front (the branches after it lose their aim, but
        // a candidate counts only if it still fails).
        for (int i = 0; i < c.Program.Length && c.Program.Length > 1; i++)
            if (c.Program[i] == 0) yield return c with { Program = [.. c.Program[..i], .. c.Program[(i + 1)..]] };
        for (int i = c.Program.Length - 1; i >= 0; i--)
            foreach (var word in SimplerWords(c.Program[i]))
            {
                var program = (uint[])c.Program.Clone();
                program[i] = word;
                yield return c with { Program = program };
            }
        foreach (var state in SimplerStates(c.Initial)) yield return c with { Initial = state };
    }

    /// <summary>
    /// The word with one operand field made smaller (zero, half, one less), as long as it still decodes to the same
    /// instruction of the spec; an undefined word loses one of its 5- and 6-bit field groups instead.
    /// </summary>
    private IEnumerable<uint> SimplerWords(uint word)
    {
        var instruction = isa.Decode(word);
        if (instruction is null)
        {
            foreach (var (shift, width) in UndefinedFieldGroups)
            {
                uint cleared = word & ~(((1u << width) - 1) << shift);
                if (cleared != word) yield return cleared;
            }
            yield break;
        }
        foreach (var field in instruction.Encoding.Fields)
        {
            uint value = (uint)instruction.Encoding.Extract(word, field);
            if (value == 0) continue;
            uint mask = (uint)(((1ul << field.Width) - 1) << field.Offset);
            foreach (var smaller in new[] { 0u, value / 2, value - 1 }.Distinct())
            {
                uint candidate = (word & ~mask) | (smaller << field.Offset);
                if (isa.Decode(candidate) == instruction) yield return candidate;
            }
        }
    }

    // MIPS-style field boundaries (opcode, rs, rt, rd, sa, funct) for words no instruction of the spec matches.
    private static readonly (int Shift, int Width)[] UndefinedFieldGroups = [(0, 6), (6, 5), (11, 5), (16, 5), (21, 5), (26, 6)];

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
        foreach (var t in SingleBitsCleared(s)) yield return t;
    }

    /// <summary>Values that matter cannot be zero (a pointer, a divisor); clearing their bits one at a time still simplifies them.</summary>
    private static IEnumerable<MipsState> SingleBitsCleared(MipsState s)
    {
        for (int bit = 31; bit >= 0; bit--)
        {
            uint b = 1u << bit;
            for (int i = 1; i < 32; i++)
                if ((s.Gpr[i] & b) != 0) yield return With(s, t => t.Gpr[i] &= ~b);
            if ((s.Hi & b) != 0) yield return With(s, t => t.Hi &= ~b);
            if ((s.Lo & b) != 0) yield return With(s, t => t.Lo &= ~b);
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
