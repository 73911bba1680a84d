using Virtualizability.Proofs.Allocation;
using Virtualizability.Smt.Terms;
using Virtualizability.Vmm.Arithmetic;
using Virtualizability.Vmm.Mips;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// The MIPS proof model runs ShadowEntryDefinition and VirtualInterrupts' generic definitions on terms, the runtime on
/// machine words: on constant inputs the two instances must compute the same words (random guest TLBs with valid and
/// odd page masks, every entry as the selected one).
/// </summary>
public sealed class ShadowAgreementTests
{
    private static readonly ulong[] Masks = [0, 0x6000, 0x1E000, 0x7E000, 0x1FE000, 0x1FFFE000, 0x32000, 0x2000];

    [Fact]
    public void Term_and_word_shadow_entries_agree_on_random_guest_tlbs()
    {
        var random = new Random(1998);
        var (m, t) = (MachineBitArithmetic.Word32, new TermBitArithmetic(32));
        for (var k = 0; k < 300; k++)
        {
            var tlb = Enumerable.Range(0, 16).Select(_ => new TlbEntryWords<ulong>(
                (Next(random) & 0xFFFF_E0FF) | (ulong)(uint)random.Next(0, 2), Masks[random.Next(Masks.Length)], Next(random) & 0x3FF_FFFF, Next(random) & 0x3FF_FFFF)).ToArray();
            var asid = (ulong)random.Next(0, 256);
            var alignment = 1UL << random.Next(12, 21);
            var ramBase = alignment * (ulong)random.Next(1, 64);
            var ramSize = (ulong)random.Next(1, 1 << 28);
            var va = Next(random) & 0x7FFF_FFFF;
            var entry = random.Next(16);
            var words = ShadowEntryDefinition.For(m, tlb, j => j < entry, asid, tlb[entry], va, alignment, ramBase, ramSize);
            var terms = tlb.Select(e => new TlbEntryWords<Term>(t.Word(e.Hi), t.Word(e.Mask), t.Word(e.Lo0), t.Word(e.Lo1))).ToArray();
            var symbolic = ShadowEntryDefinition.For(t, terms, j => Term.Bool(j < entry), t.Word(asid), terms[entry], t.Word(va),
                t.Word(alignment), t.Word(ramBase), t.Word(ramSize));
            Assert.Equal(words, new ShadowWords<ulong>(Value(symbolic.Mask), Value(symbolic.Lo0), Value(symbolic.Lo1), Value(symbolic.PairBase)));

            var (status, cause) = (Next(random), Next(random));
            var (s, c) = VirtualInterrupts.RealStatusAndCause(t, t.Word(status), t.Word(cause));
            Assert.Equal(VirtualInterrupts.RealStatusAndCause(m, status, cause), (Value(s), Value(c)));
            var hwrEna = Next(random);
            Assert.Equal(MipsRegisters.RealHwrEna(m, status, hwrEna), Value(MipsRegisters.RealHwrEna(t, t.Word(status), t.Word(hwrEna))));
        }
    }

    private static ulong Next(Random random) => (ulong)random.NextInt64(0, 1L << 32);

    private static ulong Value(Term term)
    {
        Assert.True(term.IsConst, "constant inputs fold to constants");
        return term.Value;
    }
}
