using FsCheck.Xunit;
using Virtualizability.Smt.Terms;
using Xunit;

namespace Virtualizability.Smt.Tests;

/// <summary>
/// ite(c, t + k, t) = t + ite(c, k, 0): a pointer that a loop advances on some iterations (ARM's LDM/STM) stays a
/// linear sum, so a VM map's offset added to its start cancels from every later value.
/// </summary>
public class SteppedPointerTests
{
    [Fact]
    public void A_relocated_pointer_stepped_through_a_register_list_cancels_the_offset_at_every_step()
    {
        Term list = Term.BvVar("list", 16), start = Term.BvVar("start", 32), x = Term.BvVar("x", 32);
        var k = start;
        var moved = Term.Add(start, x);
        for (var i = 0; i < 16; i++)
        {
            var taken = Term.Eq(Term.Extract(list, i, i), Term.Bv(1, 1));
            k = Term.Ite(taken, Term.Add(k, Term.Bv(4, 32)), k);
            moved = Term.Ite(taken, Term.Add(moved, Term.Bv(4, 32)), moved);
            Assert.Same(k, Term.Sub(moved, x));
            Assert.Same(Term.Add(k, Term.Bv(3, 32)), Term.Sub(Term.Add(moved, Term.Bv(3, 32)), x));
        }
    }

    [Property(MaxTest = 300)]
    public void The_rewrite_keeps_the_value(bool condition, ulong t, ulong step, bool stepInElse, byte widthSeed)
    {
        var width = widthSeed % 64 + 1;
        var mask = BitVectorMath.Mask(width);
        Term c = Term.Var("c", Sort.Bool), v = Term.BvVar("t", width), k = Term.Bv(step & mask, width);
        var stepped = Term.Add(v, k);
        var term = stepInElse ? Term.Ite(c, v, stepped) : Term.Ite(c, stepped, v);
        var symbols = new Dictionary<string, ModelValue> { ["c"] = new BoolValue(condition), ["t"] = new BitVecValue(t & mask, width) };
        var expected = condition != stepInElse ? (t + step) & mask : t & mask;
        Assert.Equal(expected, ((BitVecValue)TermEvaluator.Evaluate(term, symbols)).Value);
    }
}
