using System.Text.Json;
using Xunit;

namespace Virtualizability.Cli.Tests;

public sealed class InfoCommandTests
{
    [Fact]
    public void Json_describes_state_roles_and_instructions_with_their_lines()
    {
        var result = PgcheckProcess.Run("info", PgcheckProcess.Spec("pg-machine.isa"), "--format", "json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("pg_machine", root.GetProperty("isa").GetString());
        var roles = root.GetProperty("roles");
        Assert.Equal("P", roles.GetProperty("programCounter").GetString());
        Assert.Equal("E", roles.GetProperty("storage").GetString());
        Assert.Equal(["L", "B"], roles.GetProperty("resources").EnumerateArray().Select(e => e.GetString()!).ToArray());
        var instructions = root.GetProperty("instructions").EnumerateArray().ToList();
        var lpsw = instructions.Single(i => i.GetProperty("name").GetString() == "LPSW");
        // "110001 000 rb:3 0000 imm:16": bits 31..23 and 19..16 are fixed.
        Assert.Equal("0xff8f0000", lpsw.GetProperty("mask").GetString());
        Assert.Equal("0xc4000000", lpsw.GetProperty("value").GetString());
        // LPSW is declared in the shared core file; its line must point into that file's text.
        var core = File.ReadAllLines(Path.Combine(PgcheckProcess.RepositoryRoot, "isa-specs", "common", "pg-core.isa"));
        Assert.StartsWith("instruction LPSW", core[lpsw.GetProperty("line").GetInt32() - 1]);
        Assert.Equal("common/pg-core.isa", lpsw.GetProperty("declaredIn").GetString());
        var gpr = root.GetProperty("registers").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "G");
        Assert.Equal(8, gpr.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Text_lists_every_instruction()
    {
        var result = PgcheckProcess.Run("info", PgcheckProcess.Spec("pg-machine.isa"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        foreach (var name in new[] { "LW", "SW", "LPSW", "SETR", "GETR", "SVC", "HALT" }) Assert.Contains(name, result.Stdout);
        Assert.Contains("Popek", result.Stdout);
    }

    [Fact]
    public void Text_of_a_spec_with_thousands_of_registers_lists_each_on_one_plain_line()
    {
        // Past a couple of thousand rows the boxed table gives way to plain columns (laying out the box for 300,000
        // registers took 18 s of CPU and 1.3 GB); every register is still there, with its slot and line.
        var dir = Directory.CreateTempSubdirectory("pg-info-");
        try
        {
            var core = Path.Combine(PgcheckProcess.RepositoryRoot, "isa-specs", "common", "pg-core.isa");
            var spec = Path.Combine(dir.FullName, "many.isa");
            const int extra = 5000;
            File.WriteAllText(spec, "isa many \"many registers\";\n" + File.ReadAllText(core)
                + string.Concat(Enumerable.Range(0, extra).Select(i => $"register R{i} : bits(8);\n")));
            var result = PgcheckProcess.Run("info", spec);
            Assert.True(result.ExitCode == 0, result.Stderr);
            var lines = result.Stdout.Split('\n');
            Assert.Contains(lines, l => l.StartsWith("State (", StringComparison.Ordinal));
            var last = Assert.Single(lines, l => l.StartsWith($"R{extra - 1} ", StringComparison.Ordinal));
            var declaredAt = File.ReadAllLines(spec).Length;
            Assert.Matches($@"^R{extra - 1} +bits\(8\) +{5 + 8 + extra - 1} +{declaredAt}$", last);
            // The short tables keep their boxes.
            Assert.Contains("Popek", result.Stdout);
            Assert.Contains("│ LPSW", result.Stdout);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
