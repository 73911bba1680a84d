using Virtualizability.Analysis;
using Virtualizability.Analysis.Witnesses;

namespace Virtualizability.Cli.Reports.Check;

/// <summary>The JSON report, documented in docs/check-json.md. Answers are true / false / null (no answer).</summary>
internal static class CheckJson
{
    public sealed record Theorems(bool? Virtualizable, bool? RecursivelyVirtualizable, bool? HybridVirtualizable);

    public sealed record ViolationEvidence(Witness Sensitive, Witness? NotPrivileged);

    public sealed record InstructionEntry(
        string Name,
        int Line,
        string File,
        bool? Privileged,
        bool? ControlSensitive,
        bool? ModeSensitive,
        bool? LocationSensitive,
        bool? UserSensitive,
        bool? Innocuous,
        bool? TimeDependent,
        bool? Violation,
        bool? HybridViolation,
        IReadOnlyDictionary<string, object>? Witness,
        IReadOnlyDictionary<string, string>? Unknown);

    public sealed record DefinitionEntry(
        string Isa,
        string Definition,
        Theorems Theorems,
        IReadOnlyList<InstructionEntry> Instructions,
        IReadOnlyList<string> Violations,
        IReadOnlyList<string> HybridViolations,
        IReadOnlyList<string> InternalErrors,
        double Seconds);

    public static string Render(SpecReport report, bool asArray)
    {
        var entries = report.Definitions.Select(d => Entry(report, d)).ToList();
        return (asArray ? Json.Serialize(entries) : Json.Serialize(entries.Single())) + Environment.NewLine;
    }

    public static DefinitionEntry Entry(SpecReport report, DefinitionReport d) => new(
        report.Model.Name,
        d.Definition.Name(),
        new Theorems(d.Virtualizable.AsBool, d.RecursivelyVirtualizable.AsBool, d.HybridVirtualizable.AsBool),
        [.. d.Instructions.Select(i => Instruction(report, i))],
        [.. d.Violations.Select(i => i.Name)],
        [.. d.HybridViolations.Select(i => i.Name)],
        [.. d.Instructions.SelectMany(i => i.InternalErrors).Distinct()],
        Math.Round(report.Elapsed.TotalSeconds, 3));

    private static InstructionEntry Instruction(SpecReport report, InstructionResult i)
    {
        var answers = new (string Name, Answer Answer)[]
        {
            ("privileged", i.Privileged), ("controlSensitive", i.ControlSensitive), ("modeSensitive", i.ModeSensitive),
            ("locationSensitive", i.LocationSensitive), ("userSensitive", i.UserSensitive), ("innocuous", i.Innocuous),
            ("timeDependent", i.TimeDependent), ("violation", i.Violation), ("hybridViolation", i.HybridViolation),
        };
        var unknown = answers.Where(a => a.Answer.IsUnknown).ToDictionary(a => a.Name, a => a.Answer.Reason ?? "unknown");
        return new InstructionEntry(
            i.Name, i.Instruction.Span.Line, DeclaringFile.Of(report.Model, i.Instruction.Span.File),
            i.Privileged.AsBool, i.ControlSensitive.AsBool, i.ModeSensitive.AsBool, i.LocationSensitive.AsBool,
            i.UserSensitive.AsBool, i.Innocuous.AsBool, i.TimeDependent.AsBool, i.Violation.AsBool, i.HybridViolation.AsBool,
            Witnesses(i), unknown.Count == 0 ? null : unknown);
    }

    // Every answer that has evidence: a violation (both halves), a sensitivity, or non-privilege.
    private static IReadOnlyDictionary<string, object>? Witnesses(InstructionResult i)
    {
        var result = new Dictionary<string, object>();
        if (i.Violation.Witness is { } v) result["violation"] = new ViolationEvidence(v, i.Violation.SecondWitness);
        if (i.HybridViolation.Witness is { } h) result["hybridViolation"] = new ViolationEvidence(h, i.HybridViolation.SecondWitness);
        if (i.Privileged.IsNo && i.Privileged.Witness is { } p) result["notPrivileged"] = p;
        if (i.ControlSensitive.Witness is { } c) result["controlSensitive"] = c;
        if (i.ModeSensitive.Witness is { } m) result["modeSensitive"] = m;
        if (i.LocationSensitive.Witness is { } l) result["locationSensitive"] = l;
        if (i.TimeDependent.Witness is { } t) result["timeDependent"] = t;
        return result.Count == 0 ? null : result;
    }
}
