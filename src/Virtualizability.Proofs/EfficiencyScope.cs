using Virtualizability.Analysis;

namespace Virtualizability.Proofs;

/// <summary>
/// The instructions whose efficiency is claimed: innocuous under the definition and not privileged. A privileged
/// instruction traps in real user mode by definition, so it always runs under the VMM even when it is innocuous
/// (s360's DIAGNOSE, a privileged no-op; LRA, TIO, TCH, STIDP under the classic definition).
/// </summary>
public static class EfficiencyScope
{
    public static IReadOnlySet<string> Of(DefinitionReport report) =>
        report.Instructions.Where(r => r.Innocuous.IsYes && !r.Privileged.IsYes).Select(r => r.Name).ToHashSet();
}
