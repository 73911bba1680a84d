using FsCheck;
using FsCheck.Fluent;

namespace Virtualizability.Vmm.Tests.Guests;

/// <summary>
/// A random guest: code at the reset P (0x0100) and a trap PSW at 0x0008 that sends traps back into that code, in
/// either mode, with any R. Words are random, or random instances of the spec's own patterns (LPSW, SETR, GETR and
/// HALT included) with immediates biased towards the edges: 0, the top of the space, VM sizes, small offsets.
/// </summary>
public sealed record RandomGuest(uint[] Code, ushort NewM, ushort NewP, ushort NewL, ushort NewB, ushort StartM, ushort StartL, ushort StartB)
{
    /// <summary>
    /// The virtual CPU's starting state after reset: mode and R as generated, P chosen so that the first fetch
    /// reaches the code at guest-physical 0x0100 through that R (when the bound allows it).
    /// </summary>
    public void Start(Execution.MachineState state)
    {
        state.SetRegister("M", StartM);
        state.SetRegister("L", StartL);
        state.SetRegister("B", StartB);
        state.SetRegister("P", (CodeStart - StartL) & 0xFFFF);
    }

    public const ulong CodeStart = 0x0100;

    public GuestImage Image()
    {
        var words = Code.Select((w, i) => (CodeStart + 4 * (ulong)i, (ulong)w)).ToList();
        words.Add((0x0008, (ulong)NewM << 16 | NewP));
        words.Add((0x000C, (ulong)NewL << 16 | NewB));
        return new GuestImage(words);
    }

    public override string ToString() =>
        $"start (M={StartM}, L=0x{StartL:X4}, B=0x{StartB:X4}); new PSW (M={NewM}, P=0x{NewP:X4}, L=0x{NewL:X4}, B=0x{NewB:X4}); code at 0x0100: {string.Join(" ", Code.Select(w => w.ToString("X8")))}";
}

public static class RandomGuests
{
    private static Gen<ulong> Wide(int bits) => Gen.Choose(0, (int)Math.Min(int.MaxValue, (1L << bits) - 1)).Select(v => (ulong)v);

    /// <summary>Sixteen-bit values near the places where relocation and bounds go wrong.</summary>
    private static Gen<ulong> EdgyImmediate() =>
        Gen.Frequency(
            (3, Wide(16)),
            (2, Gen.Elements<ulong>(0, 1, 2, 4, 8, 0x10, 0x100, 0x3FE, 0x400, 0x1FFC, 0x2000, 0x3FFE, 0x4000, 0x7FFF, 0x8000, 0xFFF8, 0xFFFC, 0xFFFE, 0xFFFF)),
            (2, Gen.Choose(0, 0x40).Select(v => (ulong)v)),
            (1, Gen.Choose(-16, -1).Select(v => (ulong)v & 0xFFFF)));

    private static Gen<uint> PatternInstance() =>
        Gen.Elements(PgSpec.Model.Instructions.ToArray()).SelectMany(instruction =>
        {
            var fields = instruction.Encoding.Fields;
            // Sixteen-bit fields (immediates, offsets, codes) get edgy values; register numbers any value of their width.
            return from edgy in EdgyImmediate().ArrayOf(fields.Length)
                   from any in Wide(32).ArrayOf(fields.Length)
                   select (uint)instruction.Encoding.Encode(fields.Select((f, i) =>
                       (f.Name, Value: f.Width == 16 ? edgy[i] : any[i] & ((1UL << f.Width) - 1))).ToDictionary(p => p.Name, p => p.Value));
        });

    private static Gen<uint> Word() =>
        Gen.Frequency(
            (1, Gen.Choose(int.MinValue, int.MaxValue).Select(v => (uint)v)),
            (5, PatternInstance()));

    public static Gen<RandomGuest> Guest(int maxLength = 48) =>
        from length in Gen.Choose(1, maxLength)
        from code in Word().ArrayOf(length)
        from m in Gen.Elements<ushort>(0, 1)
        from p in Gen.Choose(0, length - 1)
        from l in Gen.Frequency((3, Gen.Constant(0UL)), (1, EdgyImmediate()))
        from b in Gen.Frequency((3, Gen.Constant(0xFFFFUL)), (1, EdgyImmediate()))
        from startM in Gen.Elements<ushort>(0, 1)
        from startL in Gen.Frequency((2, Gen.Constant(0UL)), (1, Gen.Elements<ulong>(0x100, 0x80, 0xFF00)), (1, EdgyImmediate()))
        from startB in Gen.Frequency((2, Gen.Constant(0xFFFFUL)), (1, EdgyImmediate()))
        select new RandomGuest(code, m, (ushort)(RandomGuest.CodeStart + 4 * (ulong)p), (ushort)l, (ushort)b, startM, (ushort)startL, (ushort)startB);
}
