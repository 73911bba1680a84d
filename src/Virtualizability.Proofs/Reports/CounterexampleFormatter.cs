using System.Text;
using Virtualizability.Proofs.Obligations;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Reports;

/// <summary>Shows a model of a negated obligation as states side by side, marking the rows where they differ.</summary>
public static class CounterexampleFormatter
{
    public static string Format(Obligation obligation, SolverModel model)
    {
        var sb = new StringBuilder();
        foreach (var section in obligation.Counterexample)
        {
            sb.Append("  ").AppendLine(section.Title);
            var width = section.Rows.Count == 0 ? 0 : section.Rows.Max(r => r.Name.Length);
            if (section.RightName is { } right)
                sb.Append("    ").Append("".PadRight(width)).Append("  ").Append(section.LeftName.PadRight(20)).Append("  ").AppendLine(right);
            foreach (var row in section.Rows)
            {
                var left = Show(model, row.Left);
                sb.Append("    ").Append(row.Name.PadRight(width)).Append("  ");
                if (section.RightName is null) { sb.AppendLine(left); continue; }
                var rightValue = Show(model, row.Right);
                sb.Append(left.PadRight(20)).Append("  ").Append(rightValue);
                if (left != rightValue) sb.Append("   <-- differs");
                sb.AppendLine();
            }
        }
        return sb.ToString();
    }

    private static string Show(SolverModel model, Term term) => model.Evaluate(term) switch
    {
        BoolValue b => b.Value ? "yes" : "no",
        BitVecValue v => SmtLibTermPrinter.BitVectorLiteral(v.Value, term.Width).Replace("#x", "0x").Replace("#b", "0b"),
        var other => other.ToString() ?? "",
    };
}
