using System.Diagnostics;
using System.Text.Json.Nodes;
using Virtualizability.Cli.Reports.Check;

namespace Virtualizability.Analysis.Tests;

/// <summary>The JSON (golden file), SARIF and markdown renderings of a check.</summary>
public class ReportFormatTests
{
    private static string GoldenPath => Path.Combine(AppContext.BaseDirectory, "Golden", "pg-machine.json");

    /// <summary>
    /// The JSON of pg-machine under all definitions, with its run time removed and each witness reduced to the names
    /// of its entries: the concrete values come from the solver's model, which may change with the solver version,
    /// and are checked by replay instead. Set UPDATE_GOLDEN=1 to rewrite the file in the source tree.
    /// </summary>
    [Fact]
    public void Json_of_pg_machine_matches_the_golden_file()
    {
        var json = Normalize(CheckJson.Render(Specs.CheckAll("pg-machine.isa"), asArray: true));
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
            File.WriteAllText(Path.Combine(Specs.Root, "tests", "Virtualizability.Analysis.Tests", "Golden", "pg-machine.json"), json);
        Assert.Equal(File.ReadAllText(GoldenPath).ReplaceLineEndings(), json.ReplaceLineEndings());
    }

    [Fact]
    public void Json_has_the_documented_shape_and_null_for_no_answer()
    {
        var node = JsonNode.Parse(CheckJson.Render(Specs.CheckAll("variants/pg-jrst.isa"), asArray: true))!.AsArray();
        Assert.Equal(["classic", "user", "per-state"], node.Select(d => d!["definition"]!.GetValue<string>()));
        var classic = node[0]!;
        Assert.Equal("pg_jrst", classic["isa"]!.GetValue<string>());
        Assert.False(classic["theorems"]!["virtualizable"]!.GetValue<bool>());
        Assert.True(classic["theorems"]!["hybridVirtualizable"]!.GetValue<bool>());
        Assert.Equal(["RETU"], classic["violations"]!.AsArray().Select(v => v!.GetValue<string>()));
        var retu = classic["instructions"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "RETU")!;
        foreach (var key in new[] { "privileged", "controlSensitive", "modeSensitive", "locationSensitive", "userSensitive", "innocuous", "witness" })
            Assert.True(retu.AsObject().ContainsKey(key), key);
        Assert.NotNull(retu["witness"]!["violation"]!["sensitive"]!["word"]);
        // RETU is declared in the variant, LPSW in the core it includes: `line` is found in `file`.
        Assert.Equal("pg-jrst.isa", retu["file"]!.GetValue<string>());
        var lpsw = classic["instructions"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "LPSW")!;
        Assert.Equal("../common/pg-core.isa", lpsw["file"]!.GetValue<string>());
        var lines = File.ReadAllLines(Specs.PathOf("common/pg-core.isa"));
        Assert.Contains("LPSW", lines[lpsw["line"]!.GetValue<int>() - 1]);
    }

    [Fact]
    public void Sarif_puts_each_violation_on_the_instruction_line_of_the_spec()
    {
        var spec = "isa-specs/variants/pg-readr.isa";
        var report = Specs.CheckAll("variants/pg-readr.isa");
        var sarif = JsonNode.Parse(CheckSarif.Render(report, spec))!;
        Assert.Equal("2.1.0", sarif["version"]!.GetValue<string>());
        var results = sarif["runs"]![0]!["results"]!.AsArray();
        // RDL violates Theorems 1 and 3 under each of the three definitions.
        Assert.Equal(6, results.Count);
        var expectedLine = File.ReadAllLines(Specs.PathOf("variants/pg-readr.isa")).ToList().FindIndex(l => l.StartsWith("instruction RDL", StringComparison.Ordinal)) + 1;
        foreach (var r in results)
        {
            var location = r!["locations"]![0]!["physicalLocation"]!;
            Assert.Equal(spec, location["artifactLocation"]!["uri"]!.GetValue<string>());
            Assert.Equal(expectedLine, location["region"]!["startLine"]!.GetValue<int>());
        }
    }

    [Fact]
    public void Markdown_names_the_violation_and_its_witness()
    {
        var md = CheckMarkdown.Render(Specs.CheckAll("variants/pg-modenop.isa"));
        Assert.Contains("### `SETFLAG` violates Theorem 1", md);
        Assert.Contains("differs: `G[7]`", md);
    }

    private static string Normalize(string json)
    {
        var root = JsonNode.Parse(json)!.AsArray();
        foreach (var d in root)
        {
            d!.AsObject().Remove("seconds");
            foreach (var i in d["instructions"]!.AsArray())
                if (i!["witness"] is JsonObject w)
                    i["witness"] = new JsonArray([.. w.Select(p => (JsonNode)JsonValue.Create(p.Key))]);
        }
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
