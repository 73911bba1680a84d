using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Virtualizability.Analysis.Symbolic;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Analysis.Tests;

/// <summary>
/// The mode cases that all-states questions are split into (docs/definitions.md, "All-states questions are asked one
/// mode case at a time") are exact: for every concrete state, some cube of P or of ¬P holds, every cube implies the
/// predicate it came from, and the state specialized to a cube that holds evaluates to the state itself.
/// </summary>
public class StateSpecializationTests
{
    private static readonly Term Flags = Term.BvVar("f", 4);
    private static readonly Term Other = Term.BvVar("o", 4);

    // Mode predicates of the shapes specs use: fields compared with constants, under and/or/not, two levels deep.
    private static Gen<Term> Predicate(int depth)
    {
        var atom = Gen.Elements(0, 1, 2, 3).SelectMany(bit => Gen.Elements(0UL, 1UL).Select(v =>
            Term.Eq(Term.Extract(Flags, bit, bit), Term.Bv(v, 1))));
        var pair = Gen.Elements(0UL, 1UL, 2UL, 3UL).Select(v => Term.Eq(Term.Extract(Flags, 3, 2), Term.Bv(v, 2)));
        var leaf = Gen.OneOf(atom, pair);
        if (depth == 0) return leaf;
        var sub = Predicate(depth - 1);
        return Gen.OneOf(
            leaf,
            sub.Select(Term.Not),
            sub.SelectMany(a => sub.Select(b => Term.And(a, b))),
            sub.SelectMany(a => sub.Select(b => Term.Or(a, b))));
    }

    private static bool Holds(Term t, ulong flags, ulong other) =>
        TermEvaluator.Evaluate(t, new Dictionary<string, ModelValue> { ["f"] = new BitVecValue(flags, 4), ["o"] = new BitVecValue(other, 4) })
            is BoolValue { Value: true };

    [Fact]
    public void Cases_cover_every_state_and_specialize_to_it()
    {
        var state = new SymbolicState([Flags, Other], []);
        Prop.ForAll(Predicate(2).ToArbitrary(), p =>
        {
            var positive = StateSpecialization.Cubes(p, true);
            var negative = StateSpecialization.Cubes(p, false);
            if (positive is null || negative is null) return true;   // not split: nothing to check
            for (ulong f = 0; f < 16; f++)
            {
                var ok = false;
                foreach (var (cube, sign) in positive.Select(c => (c, true)).Concat(negative.Select(c => (c, false))))
                {
                    if (!Holds(cube, f, 5)) continue;
                    ok = true;
                    if (Holds(p, f, 5) != sign) return false;   // the cube implies its predicate
                    var special = StateSpecialization.Specialize(state, cube);
                    var values = new Dictionary<string, ModelValue> { ["f"] = new BitVecValue(f, 4), ["o"] = new BitVecValue(5, 4) };
                    if (special.Slots.Zip(state.Slots).Any(z => !TermEvaluator.Evaluate(z.First, values).Equals(TermEvaluator.Evaluate(z.Second, values))))
                        return false;
                }
                if (!ok) return false;   // some case holds in every state
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_cube_of_field_comparisons_fixes_their_bits()
    {
        var state = new SymbolicState([Flags, Other], []);
        var cube = Term.And(Term.Eq(Term.Extract(Flags, 3, 3), Term.Bv(1, 1)), Term.Not(Term.Eq(Term.Extract(Flags, 0, 0), Term.Bv(1, 1))));
        var special = StateSpecialization.Specialize(state, cube);
        Assert.Equal(Term.Concat(Term.Concat(Term.Bv(1, 1), Term.Extract(Flags, 2, 1)), Term.Bv(0, 1)), special.Slots[0]);
        Assert.Same(Other, special.Slots[1]);
    }
}
