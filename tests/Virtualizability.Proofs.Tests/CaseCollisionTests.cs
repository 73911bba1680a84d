using Virtualizability.Isa;
using Virtualizability.Proofs.Solving;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// Instruction names are case-sensitive, file names are not everywhere: `ADD`, `add` and `Add` each get their own
/// obligation files (the later ones with their declaration number), all proved, and manifest.json names each file.
/// </summary>
public sealed class CaseCollisionTests
{
    [Fact]
    public void Instructions_equal_but_for_case_get_files_equal_in_no_case()
    {
        var core = File.ReadAllText(Specs.PathOf("isa-specs/common/pg-core.isa"));
        var text = "isa cases \"pg-machine with ADD, add and Add\";\n" + core + """

            instruction add "011001 ra:3 rb:3 rc:3 00000000000000000" "ra := rb + rc" { G[ra] := G[rb] + G[rc]; }
            instruction Add "011010 ra:3 rb:3 rc:3 00000000000000000" "ra := rb + rc" { G[ra] := G[rb] + G[rc]; }
            """;
        var loaded = IsaFrontEnd.LoadText(text, Specs.PathOf("isa-specs/common/cases.isa"));
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        var model = loaded.Model!;
        var directory = Directory.CreateTempSubdirectory("pg-cases-");
        try
        {
            // The three have ADD's semantics, which the checker calls innocuous and not privileged.
            var options = Provers.Only("ADD", "add", "Add") with { OutputDirectory = directory.FullName };
            var report = VmmProver.Prove(model, VmmProver.AllocatorFor(model)!, new HashSet<string> { "ADD", "add", "Add" }, options, "cases");
            Assert.All(report.Results, r => Assert.Equal(ProofVerdict.Proved, r.Verdict));
            Assert.Equal(9, report.Results.Count);
            var files = Directory.GetFiles(directory.FullName, "*.smt2").Select(Path.GetFileName).ToList();
            Assert.Equal(files.Count, files.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.Contains("ADD.equivalence.smt2", files);
            Assert.Contains($"add-{model.Instruction("add")!.Index}.equivalence.smt2", files);
            Assert.Contains($"Add-{model.Instruction("Add")!.Index}.efficiency.smt2", files);
            var manifest = File.ReadAllText(Path.Combine(directory.FullName, "manifest.json"));
            Assert.All(files, f => Assert.Contains(f!, manifest));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Names_longer_than_a_file_name_allows_get_bounded_distinct_file_names()
    {
        // 301 characters (identifiers are ASCII): as a file stem, "NAME.equivalence.smt2" would be over 255 bytes
        // and the prove run would end in an I/O error. ADDV's overflow trap, renamed as long, reaches the outcome split's part labels.
        var longInstruction = "LONG" + string.Concat(Enumerable.Repeat("_add", 74)) + "x";
        var longTrap = "Overflow" + new string('V', 280);
        var core = File.ReadAllText(Specs.PathOf("isa-specs/common/pg-core.isa")).Replace("Overflow()", longTrap + "()");
        var text = "isa long_names \"pg-machine with long names\";\n" + core + $$"""

            instruction {{longInstruction}} "011001 ra:3 rb:3 rc:3 00000000000000000" "ra := rb + rc" { G[ra] := G[rb] + G[rc]; }
            """;
        var loaded = IsaFrontEnd.LoadText(text, Specs.PathOf("isa-specs/common/long-names.isa"));
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        var model = loaded.Model!;
        var directory = Directory.CreateTempSubdirectory("pg-long-");
        try
        {
            var options = Provers.Only(longInstruction, "ADDV") with
            {
                OutputDirectory = directory.FullName, OutcomeSplit = Obligations.OutcomeSplitRule.Default,
            };
            var report = VmmProver.Prove(model, VmmProver.AllocatorFor(model)!, new HashSet<string> { longInstruction, "ADDV" }, options, "long");
            Assert.All(report.Results, r => Assert.Equal(ProofVerdict.Proved, r.Verdict));
            var files = Directory.GetFiles(directory.FullName, "*.smt2").Select(f => Path.GetFileName(f)!).ToList();
            Assert.All(files, f => Assert.True(System.Text.Encoding.UTF8.GetByteCount(f) <= 255, f));
            Assert.Equal(files.Count, files.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            var index = model.Instruction(longInstruction)!.Index;
            Assert.Contains(files, f => f.StartsWith("LONG_add_add", StringComparison.Ordinal) && f.EndsWith($"-{index}.efficiency.smt2", StringComparison.Ordinal));
            // ADDV's parts include its overflow trap's routes: their labels are cut and hashed, each its own file.
            Assert.Contains(files, f => f.StartsWith("ADDV.equivalence.outcome-trap-OverflowVVV", StringComparison.Ordinal));
            var manifest = File.ReadAllText(Path.Combine(directory.FullName, "manifest.json"));
            Assert.All(files, f => Assert.Contains(System.Text.Json.JsonSerializer.Serialize(f)[1..^1], manifest));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
