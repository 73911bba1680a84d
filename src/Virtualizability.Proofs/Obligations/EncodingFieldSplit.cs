using System.Collections.Immutable;
using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Simplification;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Obligations;

/// <summary>
/// When and how an obligation is split on its instruction's encoding fields (docs/vmm-proofs.md, "Split on encoding
/// fields"). An instruction whose semantics compare a field with constants (a <c>match</c> on a CSR number, a loop
/// bound) gives one formula that carries every case; fixing the field's value folds the comparisons away.
/// </summary>
/// <param name="MinStepNodes">Split only instructions whose virtual step (fields as variables) has at least this many
/// distinct terms: small formulas are solved at once, and splitting them only multiplies files.</param>
/// <param name="MinParts">Split only on a field component whose comparisons distinguish at least this many classes of
/// values (a zero-register test alone is not worth a split).</param>
/// <param name="MaxParts">At most this many parts: more classes are grouped into this many equal ranges of values.</param>
/// <param name="MaxComponentBits">Only field components of at most this many bits are enumerated.</param>
/// <param name="MaxShrink">Split only when fixing the component's value leaves at most this fraction of the step's
/// terms (the mean over the classes' smallest values): a split pays where a fixed value folds the formula away, not
/// where it only selects one register of a register file.</param>
/// <param name="SplitEquivalenceOnly">Split equivalence only: it carries the instruction's semantics three times (the
/// virtual step, the real step, the interpreter routine) and is where the time goes; efficiency and resource control
/// ask only whether the real step traps or touches resources, and take well under a second whole (measured).</param>
public sealed record FieldSplitRule(int MinStepNodes = 500, int MinParts = 3, int MaxParts = 96, int MaxComponentBits = 16, double MaxShrink = 0.75,
    bool SplitEquivalenceOnly = true)
{
    public static FieldSplitRule Default { get; } = new();

    public bool Covers(ObligationProperty property) => !SplitEquivalenceOnly || property == ObligationProperty.Equivalence;
}

/// <summary>
/// Splits an instruction's obligations on the values of the encoding fields its semantics test. From the IR alone:
/// the virtual step is executed with every field a fresh variable; its comparisons whose operands are built from field
/// variables and constants only are the field tests; fields tested together form a component; every value of a
/// component is evaluated on the component's tests, and values with the same results form a class. The component
/// whose largest part keeps the least of the step is split on: one part per class (a single value is decoded as that constant; a class of
/// several values keeps the variables and assumes the tests' values), or, beyond <see cref="FieldSplitRule.MaxParts"/>
/// classes, one part per range of values. Classes and ranges partition the component's values by construction, so
/// the parts are exhaustive and disjoint.
/// </summary>
public static class EncodingFieldSplit
{
    /// <summary>The parts of <paramref name="instruction"/>'s obligations, or null when the rule says not to split.</summary>
    public static IReadOnlyList<ObligationPart>? For(IsaModel model, InstructionDecl instruction, FieldSplitRule? rule)
    {
        if (rule is null) return null;
        var fields = instruction.Encoding.Fields.Where(f => !f.LittleEndian).ToList();
        if (fields.Count == 0) return null;
        var v = SymbolicState.Fresh(model, "v.");
        var fetched = SymbolicExecutor.ExecuteFetch(model, instruction, v).Units;
        var variables = fields.ToDictionary(f => f, f => Term.BvVar($"field.{f.Name}", f.Width));
        var template = FieldOverlay.Apply(instruction, fetched, variables);
        var step = SymbolicExecutor.ExecuteStep(model, instruction, v, template);
        var nodes = TermTraversal.PostOrder(Roots(step));
        if (nodes.Count < rule.MinStepNodes) return null;

        var tests = FieldTests(nodes, variables.Values.ToHashSet());
        var best = Components(tests, fields, variables)
            .Where(c => c.Width <= rule.MaxComponentBits)
            .Select(c => (Component: c, Classes: Classes(c, variables)))
            .Where(c => c.Classes.Count >= rule.MinParts)
            .Select(c => (c.Component, c.Classes, Shrink: Shrink(model, instruction, v, fetched, c.Component, c.Classes, nodes.Count)))
            .OrderBy(c => c.Shrink).ThenBy(c => c.Component.Fields[0].Offset)
            .FirstOrDefault();
        if (best.Component is null || best.Shrink > rule.MaxShrink) return null;

        var (component, classes, _) = best;
        var groups = classes.Count <= rule.MaxParts
            ? classes.Select(c => (c.Values, Signature: (bool[]?)c.Signature)).ToList()
            : Ranges(component.Width, rule.MaxParts).Select(r => (Values: r, Signature: (bool[]?)null)).ToList();
        var actual = FieldOverlay.Bits(model, fetched);
        var link = Term.And(component.Fields.Select(f => Term.Eq(variables[f], actual.Field(f))));
        // Only the component's fields are variables in the parts (every other field is the fetched bits).
        var partTemplate = FieldOverlay.Apply(instruction, fetched, component.Fields.ToDictionary(f => f, f => variables[f]));
        var toActual = new TermRewriter(substitution: component.Fields.ToDictionary(f => variables[f], f => actual.Field(f)));
        var name = string.Join(".", component.Fields.Select(f => f.Name));
        var digits = (component.Width + 3) / 4;
        var parts = new List<ObligationPart>();
        var others = 0;
        foreach (var (values, signature) in groups)
        {
            var index = parts.Count;
            if (values.Count == 1)
            {
                var fixedValues = component.Assign(values[0]);
                var units = FieldOverlay.Apply(instruction, fetched, fixedValues.ToDictionary(p => p.Key, p => Term.Bv(p.Value, p.Key.Width)));
                var condition = Term.And(component.Fields.Select(f => Term.Eq(actual.Field(f), Term.Bv(fixedValues[f], f.Width))));
                parts.Add(new ObligationPart($"{name}-{Hex(values[0], digits)}", $"{name} = {Hex(values[0], digits)}", index, groups.Count,
                    units, condition, Term.True, new Dictionary<Term, Term>()));
                continue;
            }
            // Several values: the template (fields as variables equal to the fetched bits), with every test that is
            // constant on the group assumed.
            var decided = component.Tests.Select((t, k) => (Test: t, Value: values.All(x => component.Evaluate(k, x)) ? Term.True
                : values.All(x => !component.Evaluate(k, x)) ? Term.False : null)).Where(d => d.Value is not null)
                .ToDictionary(d => d.Test, d => d.Value!);
            var contiguous = values[^1] - values[0] == (ulong)values.Count - 1;
            Term membership;
            string label, description;
            if (signature is null || contiguous)
            {
                var value = component.Fields.Select(f => actual.Field(f)).Aggregate(Term.Concat);
                membership = Term.And(Term.ULe(Term.Bv(values[0], component.Width), value), Term.ULe(value, Term.Bv(values[^1], component.Width)));
                label = $"{name}-{Hex(values[0], digits)}-{Hex(values[^1], digits)}";
                description = $"{Hex(values[0], digits)} ≤ {name} ≤ {Hex(values[^1], digits)}";
            }
            else
            {
                // Exactly the values on which every test comes out as in this class: the tests, over the fetched bits.
                membership = Term.And(component.Tests.Select((t, k) => signature[k] ? toActual.Rewrite(t) : Term.Not(toActual.Rewrite(t))));
                label = $"{name}-other-{++others}";
                description = $"{name} in the {values.Count} values ({Summary(values, digits)}) on which the spec's {component.Tests.Count} comparisons of {name} come out as asserted here";
            }
            parts.Add(new ObligationPart(label, description, index, groups.Count, partTemplate, membership, link, decided));
        }
        return parts;
    }

    // The largest size of the step with the component fixed to a class's smallest value, relative to the step with the
    // fields as variables (up to 16 classes, evenly spaced): how much of the formula a part keeps at most. A part is
    // as slow as what it keeps (a loop bound fixed at its maximum keeps the whole loop).
    private static double Shrink(IsaModel model, InstructionDecl instruction, SymbolicState v, ImmutableArray<Term> fetched,
        FieldComponent component, List<(List<ulong> Values, bool[] Signature)> classes, int templateNodes)
    {
        var samples = Enumerable.Range(0, Math.Min(16, classes.Count)).Select(k => classes[k * classes.Count / Math.Min(16, classes.Count)].Values[0]);
        return samples.Max(x =>
        {
            var units = FieldOverlay.Apply(instruction, fetched, component.Assign(x).ToDictionary(p => p.Key, p => Term.Bv(p.Value, p.Key.Width)));
            return (double)TermTraversal.PostOrder(Roots(SymbolicExecutor.ExecuteStep(model, instruction, v, units))).Count;
        }) / templateNodes;
    }

    private static IEnumerable<Term> Roots(InstructionStep step)
    {
        var o = step.Outcome;
        return o.Completed.AllTerms.Concat(o.Halted.AllTerms)
            .Concat(o.Traps.SelectMany(t => t.State.AllTerms.Concat(t.Arguments).Prepend(t.Guard)))
            .Append(o.CompletedGuard).Append(o.HaltedGuard).Append(step.Decodes);
    }

    // The comparisons whose operands are built from field variables and constants only (and are not constant).
    private static List<Term> FieldTests(List<Term> postOrder, HashSet<Term> variables)
    {
        var onlyFields = new Dictionary<Term, bool>();
        var tests = new List<Term>();
        foreach (var t in postOrder)
        {
            var only = t.Kind == TermKind.Var ? variables.Contains(t) : t.Args.All(a => onlyFields[a]);
            onlyFields[t] = only;
            if (only && !t.IsConst && t.Kind is TermKind.Eq or TermKind.BvULt or TermKind.BvULe or TermKind.BvSLt or TermKind.BvSLe)
                tests.Add(t);
        }
        return tests;
    }

    private static List<FieldComponent> Components(List<Term> tests, List<EncodingField> fields, Dictionary<EncodingField, Term> variables)
    {
        var byVariable = variables.ToDictionary(p => p.Value, p => p.Key);
        var groups = new List<(HashSet<EncodingField> Fields, List<Term> Tests)>();
        foreach (var test in tests)
        {
            var used = TermTraversal.FreeVariables([test]).Select(x => byVariable[x]).ToHashSet();
            if (used.Count == 0) continue;
            var joined = groups.Where(g => g.Fields.Overlaps(used)).ToList();
            var merged = (Fields: used, Tests: new List<Term> { test });
            foreach (var g in joined)
            {
                merged.Fields.UnionWith(g.Fields);
                merged.Tests.AddRange(g.Tests);
                groups.Remove(g);
            }
            groups.Add(merged);
        }
        // Most significant field first: a component's value is its fields concatenated in encoding order.
        return [.. groups.Select(g => new FieldComponent([.. fields.Where(g.Fields.Contains).OrderByDescending(f => f.Offset)], g.Tests, variables))];
    }

    private static List<(List<ulong> Values, bool[] Signature)> Classes(FieldComponent component, Dictionary<EncodingField, Term> variables)
    {
        var classes = new Dictionary<string, (List<ulong> Values, bool[] Signature)>();
        for (ulong x = 0; x < 1UL << component.Width; x++)
        {
            var signature = component.Tests.Select((_, k) => component.Evaluate(k, x)).ToArray();
            var key = new string([.. signature.Select(b => b ? '1' : '0')]);
            if (!classes.TryGetValue(key, out var c)) classes[key] = c = ([], signature);
            c.Values.Add(x);
        }
        return [.. classes.Values.OrderBy(c => c.Values[0])];
    }

    private static IEnumerable<List<ulong>> Ranges(int width, int count)
    {
        var total = 1UL << width;
        var size = (total + (ulong)count - 1) / (ulong)count;
        for (ulong lo = 0; lo < total; lo += size)
        {
            var hi = Math.Min(total, lo + size);
            var range = new List<ulong>();
            for (var x = lo; x < hi; x++) range.Add(x);
            yield return range;
        }
    }

    private static string Hex(ulong value, int digits) => "0x" + value.ToString("x" + digits);

    private static string Summary(List<ulong> values, int digits)
    {
        var runs = new List<string>();
        for (var i = 0; i < values.Count;)
        {
            var j = i;
            while (j + 1 < values.Count && values[j + 1] == values[j] + 1) j++;
            runs.Add(i == j ? Hex(values[i], digits) : $"{Hex(values[i], digits)}-{Hex(values[j], digits)}");
            i = j + 1;
        }
        return runs.Count <= 6 ? string.Join(", ", runs) : string.Join(", ", runs.Take(6)) + $", … ({runs.Count} runs)";
    }

    /// <summary>Fields tested together, most significant first, with their tests.</summary>
    private sealed class FieldComponent(List<EncodingField> fields, List<Term> tests, Dictionary<EncodingField, Term> variables)
    {
        private readonly Dictionary<ulong, TermEvaluator> _evaluators = new();

        public List<EncodingField> Fields { get; } = fields;
        public List<Term> Tests { get; } = tests;
        public int Width { get; } = fields.Sum(f => f.Width);

        /// <summary>Each field's value within the component's value <paramref name="x"/>.</summary>
        public Dictionary<EncodingField, ulong> Assign(ulong x)
        {
            var result = new Dictionary<EncodingField, ulong>();
            var shift = Width;
            foreach (var f in Fields)
            {
                shift -= f.Width;
                result[f] = (x >> shift) & ((1UL << f.Width) - 1);
            }
            return result;
        }

        public bool Evaluate(int test, ulong x)
        {
            if (!_evaluators.TryGetValue(x, out var evaluator))
            {
                var values = Assign(x).ToDictionary(p => variables[p.Key], p => (ModelValue)new BitVecValue(p.Value, p.Key.Width));
                _evaluators[x] = evaluator = new TermEvaluator(t => values.GetValueOrDefault(t));
            }
            return evaluator.EvaluateBool(Tests[test]);
        }
    }
}
