using System.Text.Json;
using Virtualizability.Analysis;
using System.Text.Json.Nodes;
using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Allocation;
using Virtualizability.Proofs.Obligations;
using Virtualizability.Proofs.Solving;

namespace Virtualizability.Proofs;

/// <summary>
/// manifest.json: every obligation with its file, verdict, solver and time, and the spec's content hash. Times are the
/// only fields that change between runs of the same spec (<see cref="WithoutTimes"/> drops them for comparisons).
/// </summary>
public static class ProofManifest
{
    public static void Write(string path, ProofReport report, IsaModel model, IAllocatorProofModel allocator, ProofOptions options) =>
        File.WriteAllText(path, Render(report, model, allocator, options));

    public static string Render(ProofReport report, IsaModel model, IAllocatorProofModel allocator, ProofOptions options)
    {
        var obligations = new JsonArray();
        foreach (var r in report.Results)
        {
            var entry = new JsonObject
            {
                ["instruction"] = r.Instruction,
                ["property"] = r.Property.FileName(),
                ["file"] = r.File,
                ["verdict"] = r.Verdict.Text(),
            };
            if (r.Verdict != ProofVerdict.NotApplicable) AddRun(entry, r.Elapsed, r.RecheckVerdict, r.RecheckElapsed, options);
            if (r.Lemmas.Count > 0) entry["lemmas"] = new JsonArray([.. r.Lemmas.Select(l => (JsonNode)JsonValue.Create(l))]);
            if (r.Reason is { } reason) entry["reason"] = reason;
            // A split obligation (no file of its own): proved iff every part is; each part has its file, verdict and time.
            if (r.Parts.Count > 0)
            {
                entry.Remove("file");
                entry["parts"] = new JsonArray([.. r.Parts.Select(p => (JsonNode)Part(p, options))]);
            }
            obligations.Add(entry);
        }
        var lemmas = new JsonArray();
        foreach (var l in report.Lemmas)
        {
            var entry = new JsonObject { ["lemma"] = l.Name, ["statement"] = l.Statement, ["file"] = l.File, ["verdict"] = l.Verdict.Text() };
            AddRun(entry, l.Elapsed, l.RecheckVerdict, l.RecheckElapsed, options);
            if (l.Reason is { } reason) entry["reason"] = reason;
            lemmas.Add(entry);
        }
        var root = new JsonObject
        {
            ["isa"] = model.Name,
            ["specHash"] = report.SpecHash,
            ["allocator"] = allocator.Description,
            ["vmMap"] = new JsonArray([.. allocator.VmMapText.Select(l => (JsonNode)JsonValue.Create(l))]),
            ["efficiencyDefinition"] = options.Definition.Name(),
            ["lemmas"] = lemmas,
            ["obligations"] = obligations,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonObject Part(ObligationResult part, ProofOptions options)
    {
        var entry = new JsonObject
        {
            ["part"] = part.PartLabel,
            ["condition"] = part.PartCondition,
            ["file"] = part.File,
            ["verdict"] = part.Verdict.Text(),
        };
        AddRun(entry, part.Elapsed, part.RecheckVerdict, part.RecheckElapsed, options);
        if (part.Reason is { } reason) entry["reason"] = reason;
        return entry;
    }

    private static void AddRun(JsonObject entry, TimeSpan elapsed, ProofVerdict? recheck, TimeSpan? recheckElapsed, ProofOptions options)
    {
        entry["solver"] = options.SolverName;
        entry["milliseconds"] = Math.Round(elapsed.TotalMilliseconds, 1);
        if (recheck is { } verdict)
        {
            entry["recheck"] = new JsonObject
            {
                ["solver"] = options.Recheck!.Name,
                ["verdict"] = verdict.Text(),
                ["milliseconds"] = Math.Round(recheckElapsed!.Value.TotalMilliseconds, 1),
            };
        }
    }

    /// <summary>The manifest with every "milliseconds" removed: what must match between two runs.</summary>
    public static string WithoutTimes(string manifest)
    {
        var node = JsonNode.Parse(manifest) ?? throw new FormatException("empty manifest");
        Strip(node);
        return node.ToJsonString();

        static void Strip(JsonNode n)
        {
            if (n is JsonObject o)
            {
                o.Remove("milliseconds");
                foreach (var (_, child) in o.ToList()) if (child is not null) Strip(child);
            }
            else if (n is JsonArray a)
                foreach (var child in a) if (child is not null) Strip(child);
        }
    }
}
