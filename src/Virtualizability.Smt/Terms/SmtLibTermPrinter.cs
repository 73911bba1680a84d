using System.Text;

namespace Virtualizability.Smt.Terms;

/// <summary>Renders terms in SMT-LIB 2 syntax. Subterms for which <c>sharedName</c> returns a name are printed as that name.</summary>
public static class SmtLibTermPrinter
{
    public static string Print(Term term, Func<Term, string?> sharedName)
    {
        var sb = new StringBuilder();
        Write(sb, term, sharedName, isRoot: true);
        return sb.ToString();
    }

    /// <summary>The symbol as SMT-LIB accepts it: bare when it is a simple symbol, otherwise quoted in bars.</summary>
    public static string Symbol(string name)
    {
        static bool Simple(char c) => char.IsAsciiLetterOrDigit(c) || "~!@$%^&*_-+=<>.?/".Contains(c);
        var simple = name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(Simple);
        return simple ? name : "|" + name + "|";
    }

    public static string BitVectorLiteral(ulong value, int width)
    {
        if (width % 4 == 0) return "#x" + value.ToString("x").PadLeft(width / 4, '0');
        return "#b" + Convert.ToString((long)value, 2).PadLeft(width, '0');
    }

    private static void Write(StringBuilder sb, Term t, Func<Term, string?> sharedName, bool isRoot)
    {
        if (!isRoot && sharedName(t) is { } name)
        {
            sb.Append(name);
            return;
        }
        switch (t.Kind)
        {
            case TermKind.BoolConst: sb.Append(t.IsTrue ? "true" : "false"); return;
            case TermKind.BvConst: sb.Append(BitVectorLiteral(t.Value, t.Width)); return;
            case TermKind.Var: sb.Append(Symbol(t.Name!)); return;
            case TermKind.ConstArray:
                sb.Append("((as const ").Append(t.Sort).Append(") ");
                Write(sb, t.Args[0], sharedName, false);
                sb.Append(')');
                return;
            case TermKind.ArrayShift:
                throw new NotSupportedException(
                    "a moved memory (ArrayShift) that is not compared with another one moved by the same offset has no quantifier-free SMT-LIB form");
        }
        sb.Append('(').Append(Operator(t));
        foreach (var a in t.Args)
        {
            sb.Append(' ');
            Write(sb, a, sharedName, false);
        }
        sb.Append(')');
    }

    private static string Operator(Term t) => t.Kind switch
    {
        TermKind.Not => "not",
        TermKind.And => "and",
        TermKind.Or => "or",
        TermKind.Ite => "ite",
        TermKind.Eq => "=",
        TermKind.BvNot => "bvnot",
        TermKind.BvNeg => "bvneg",
        TermKind.BvAdd => "bvadd",
        TermKind.BvSub => "bvsub",
        TermKind.BvMul => "bvmul",
        TermKind.BvAnd => "bvand",
        TermKind.BvOr => "bvor",
        TermKind.BvXor => "bvxor",
        TermKind.BvUDiv => "bvudiv",
        TermKind.BvURem => "bvurem",
        TermKind.BvSDiv => "bvsdiv",
        TermKind.BvSRem => "bvsrem",
        TermKind.BvShl => "bvshl",
        TermKind.BvLShr => "bvlshr",
        TermKind.BvAShr => "bvashr",
        TermKind.BvULt => "bvult",
        TermKind.BvULe => "bvule",
        TermKind.BvSLt => "bvslt",
        TermKind.BvSLe => "bvsle",
        TermKind.Extract => $"(_ extract {t.High} {t.Low})",
        TermKind.Concat => "concat",
        TermKind.ZeroExtend => $"(_ zero_extend {t.High})",
        TermKind.SignExtend => $"(_ sign_extend {t.High})",
        TermKind.Select => "select",
        TermKind.Store => "store",
        _ => throw new InvalidOperationException($"no SMT-LIB operator for {t.Kind}"),
    };
}
