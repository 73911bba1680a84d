using Virtualizability.Analysis;

namespace Virtualizability.Cli.Reports.Check;

/// <summary>How every report spells a tri-state answer.</summary>
internal static class Cells
{
    public static string Text(Answer a) => a.Verdict switch { Verdict.Yes => "yes", Verdict.No => "no", _ => "unknown" };

    public static string WithReason(Answer a) => a.IsUnknown ? $"unknown ({a.Reason})" : Text(a);
}
