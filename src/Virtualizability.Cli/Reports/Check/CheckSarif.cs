using Virtualizability.Analysis;

namespace Virtualizability.Cli.Reports.Check;

/// <summary>
/// SARIF 2.1.0: one result per violation (Theorem 1 and, separately, Theorem 3), located at the instruction's line in
/// the .isa file that declares it, so code-scanning tools show it on the spec. The spec's own path is used as given.
/// </summary>
internal static class CheckSarif
{
    private const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    public static string Render(SpecReport report, string specPath)
    {
        var rules = new object[]
        {
            Rule("PG1", "sensitive-not-privileged", "An instruction is sensitive and not privileged: Theorem 1 (virtualizability) fails."),
            Rule("PG3", "user-sensitive-not-privileged", "An instruction is user-sensitive and not privileged: Theorem 3 (hybrid virtualizability) fails."),
        };
        var results = new List<object>();
        foreach (var d in report.Definitions)
        {
            foreach (var i in d.Violations) results.Add(Result("PG1", 0, d, i, i.Violation, specPath, report));
            foreach (var i in d.HybridViolations) results.Add(Result("PG3", 1, d, i, i.HybridViolation, specPath, report));
        }
        var log = new Dictionary<string, object>
        {
            ["$schema"] = Schema,
            ["version"] = "2.1.0",
            ["runs"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["tool"] = new { driver = new { name = "pgcheck", informationUri = "https://github.com/virtualizability", rules } },
                    ["results"] = results,
                },
            },
        };
        return Json.Serialize(log) + Environment.NewLine;
    }

    private static object Rule(string id, string name, string text) =>
        new { id, name, shortDescription = new { text }, defaultConfiguration = new { level = "error" } };

    private static object Result(string ruleId, int ruleIndex, DefinitionReport d, InstructionResult i, Answer answer, string specPath, SpecReport report)
    {
        var span = i.Instruction.Span;
        var w = answer.Witness!;
        var message = $"{i.Name} violates Theorem {(ruleId == "PG1" ? 1 : 3)} under the {d.Definition.Name()} definition: "
            + $"word {w.Word} is {w.Property}" + (answer.SecondWitness is { } p ? $" and {p.Summary}" : "") + $". {w.Summary}: "
            + string.Join("; ", w.Differences.Select(x => $"{x.Component} {x.First} vs {x.Second}"));
        return new Dictionary<string, object>
        {
            ["ruleId"] = ruleId,
            ["ruleIndex"] = ruleIndex,
            ["level"] = "error",
            ["message"] = new { text = message },
            ["locations"] = new object[]
            {
                new
                {
                    physicalLocation = new
                    {
                        artifactLocation = new { uri = ArtifactPath(span.File, specPath, report) },
                        region = new { startLine = span.Line, startColumn = span.Column },
                    },
                },
            },
            ["properties"] = new { definition = d.Definition.Name(), instruction = i.Name, word = w.Word },
        };
    }

    // The spec's own path as given on the command line; an included file relative to it, with forward slashes.
    private static string ArtifactPath(string file, string specPath, SpecReport report)
    {
        if (Path.GetFullPath(file) == Path.GetFullPath(report.Model.SourceFile) || Path.GetFullPath(file) == Path.GetFullPath(specPath))
            return specPath.Replace('\\', '/');
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
        return relative.Replace('\\', '/');
    }
}
