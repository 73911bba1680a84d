using System.Collections.Immutable;
using System.Globalization;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Smt.Solving;

/// <summary>
/// Reads the values in a (get-value ...) response: booleans, bit-vectors as #b..., #x... or (_ bvN W), and arrays
/// as ((as const S) v) under a chain of (store a i v), the forms z3 and cvc5 print; z3's (let ((a!1 ...)) ...) sharing
/// in large values is expanded first.
/// </summary>
public static class SmtLibValueReader
{
    /// <summary>The values of a get-value response, in request order, checked against the requested sorts.</summary>
    public static List<ModelValue> ReadGetValue(SExpression response, IReadOnlyList<Sort> sorts)
    {
        if (response is not SExpression.List { Items: var pairs } || pairs.Length != sorts.Count)
            throw new FormatException($"expected {sorts.Count} (term value) pairs, got: {Abbreviate(response)}");
        var values = new List<ModelValue>();
        for (var i = 0; i < pairs.Length; i++)
        {
            if (pairs[i] is not SExpression.List { Items.Length: 2 } pair) throw new FormatException($"malformed pair {Abbreviate(pairs[i])}");
            values.Add(Read(pair.Items[1], sorts[i]));
        }
        return values;
    }

    public static ModelValue Read(SExpression e, Sort sort) => ReadExpanded(Expand(e, ImmutableDictionary<string, SExpression>.Empty), sort);

    // Substitutes let bindings (SMT-LIB let is parallel: a binding's value sees only the enclosing bindings).
    private static SExpression Expand(SExpression e, ImmutableDictionary<string, SExpression> env)
    {
        switch (e)
        {
            case SExpression.Atom { Text: var name } when env.TryGetValue(name, out var bound):
                return bound;
            case SExpression.List { Items: [SExpression.Atom { Text: "let" }, SExpression.List bindings, var body] }:
            {
                var inner = env;
                foreach (var b in bindings.Items)
                {
                    if (b is not SExpression.List { Items: [SExpression.Atom { Text: var name }, var value] })
                        throw new FormatException($"malformed let binding {Abbreviate(b)}");
                    inner = inner.SetItem(name, Expand(value, env));
                }
                return Expand(body, inner);
            }
            case SExpression.List list:
                return new SExpression.List([.. list.Items.Select(i => Expand(i, env))]);
            default:
                return e;
        }
    }

    private static ModelValue ReadExpanded(SExpression e, Sort sort)
    {
        switch (sort.Kind)
        {
            case SortKind.Bool:
                return e is SExpression.Atom { Text: "true" or "false" } b ? new BoolValue(b.Text == "true") : throw Bad(e, sort);
            case SortKind.BitVec:
            {
                var (value, width) = ReadBits(e) ?? throw Bad(e, sort);
                return width == sort.Width ? new BitVecValue(value, width) : throw Bad(e, sort);
            }
            default:
                return ReadArray(e, sort);
        }
    }

    private static ArrayValue ReadArray(SExpression e, Sort sort)
    {
        if (e is SExpression.List { Items: [SExpression.Atom { Text: "store" }, var inner, var index, var element] })
        {
            var array = ReadArray(inner, sort);
            return array.Write(Bits(index, sort.IndexSort), Bits(element, sort.ElementSort));
        }
        if (e is SExpression.List { Items: [SExpression.List { Items: [SExpression.Atom { Text: "as" }, SExpression.Atom { Text: "const" }, _] }, var fill] })
            return ArrayValue.Constant(sort.IndexWidth, sort.Width, Bits(fill, sort.ElementSort));
        throw Bad(e, sort);
    }

    private static ulong Bits(SExpression e, Sort sort) => ((BitVecValue)ReadExpanded(e, sort)).Value;

    private static (ulong Value, int Width)? ReadBits(SExpression e)
    {
        switch (e)
        {
            case SExpression.Atom { Text: var t } when t.StartsWith("#b"):
                return t.Length - 2 is > 0 and <= 64 ? (Convert.ToUInt64(t[2..], 2), t.Length - 2) : null;
            case SExpression.Atom { Text: var t } when t.StartsWith("#x"):
                return t.Length - 2 is > 0 and <= 16 ? (ulong.Parse(t[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture), 4 * (t.Length - 2)) : null;
            case SExpression.List { Items: [SExpression.Atom { Text: "_" }, SExpression.Atom { Text: var bv }, SExpression.Atom { Text: var w }] }
                when bv.StartsWith("bv") && ulong.TryParse(bv[2..], CultureInfo.InvariantCulture, out var v) && int.TryParse(w, CultureInfo.InvariantCulture, out var width):
                return (v, width);
            default:
                return null;
        }
    }

    private static FormatException Bad(SExpression e, Sort sort) => new($"cannot read a {sort} value from {Abbreviate(e)}");

    private static string Abbreviate(SExpression e)
    {
        var s = e.ToString();
        return s.Length > 200 ? s[..200] + "..." : s;
    }
}
