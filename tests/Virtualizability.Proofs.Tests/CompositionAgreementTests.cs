using Virtualizability.Proofs.Allocation;
using Virtualizability.Smt.Terms;
using Virtualizability.Vmm.PgMachine;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// The proofs run RelocationBoundsComposition's generic definition on terms, the runtime on machine words: the two
/// instances must agree, which this checks on random inputs (it would catch a term arithmetic that differs from the
/// word arithmetic, e.g. a subtraction that wraps differently).
/// </summary>
public sealed class CompositionAgreementTests
{
    [Fact]
    public void Term_and_word_compositions_agree_on_random_states()
    {
        var random = new Random(1974);
        var w = new TermWordArithmetic(16);
        for (var k = 0; k < 2000; k++)
        {
            var size = (ulong)random.Next(1, 0x10001);
            var allocationBase = (ulong)random.Next(0, (int)(0x10000 - size + 1));
            var (vl, vb) = ((ulong)random.Next(0, 0x10000), (ulong)random.Next(0, 0x10000));
            if (k % 4 == 0) vl = size - (ulong)random.Next(0, 3) & 0xFFFF;   // the edge where the window leaves RAM
            var (l, b) = RelocationBoundsComposition.Compose(vl, vb, allocationBase, size, 16);
            var (lt, bt) = RelocationBoundsComposition.Compose(w, w.Word(vl), w.Word(vb), w.Word(allocationBase), w.WideWord(size));
            Assert.True(lt.IsConst && bt.IsConst, "constant inputs fold to constants");
            Assert.Equal((l, b), (lt.Value, bt.Value));
            var reflects = RelocationBoundsComposition.ReflectsMemoryTrap(w, w.Word(vl), w.Word(vb));
            Assert.Equal(vb <= vl, reflects.IsTrue);
        }
    }
}
