using System.Text.RegularExpressions;
using Xunit;

namespace Virtualizability.Cli.Tests;

public sealed class ValidateCommandTests
{
    [Fact]
    public void Every_corpus_spec_is_valid()
    {
        var specs = Directory.GetFiles(Path.Combine(PgcheckProcess.RepositoryRoot, "isa-specs"), "*.isa")
            .Concat(Directory.GetFiles(Path.Combine(PgcheckProcess.RepositoryRoot, "isa-specs", "variants"), "*.isa"))
            .ToArray();
        Assert.True(specs.Length >= 8, $"expected the corpus and its variants, found {specs.Length} specs");
        var result = PgcheckProcess.Run(["validate", .. specs]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(specs.Length, Regex.Matches(result.Stdout, @": valid \(\d+ instructions\)").Count);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void A_broken_spec_gets_located_diagnostics_and_exit_code_1()
    {
        var dir = Directory.CreateTempSubdirectory("pgcheck-cli");
        var spec = Path.Combine(dir.FullName, "broken.isa");
        File.WriteAllText(spec, """
            isa broken "two errors";
            encoding fixed 8;
            register A : bits(8);
            instruction X "0000 0001" { A := A + ; }
            instruction Y "0000 0010" { B := 1; }
            """);
        var result = PgcheckProcess.Run("validate", spec);
        Assert.Equal(1, result.ExitCode);
        // Every error of the file in one run, each as file:line:col: error PGnnnn: message.
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"broken\.isa:4:\d+: error PG\d{4}: "));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"broken\.isa:5:\d+: error PG\d{4}: .*'B'"));
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void A_missing_file_is_reported_without_a_stack_trace()
    {
        var result = PgcheckProcess.Run("validate", "no/such/spec.isa");
        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"no/such/spec\.isa:\d+:\d+: error PG\d{4}: ", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void Non_utf8_bytes_are_located()
    {
        var dir = Directory.CreateTempSubdirectory("pgcheck-cli");
        var spec = Path.Combine(dir.FullName, "latin1.isa");
        File.WriteAllBytes(spec, [.. "isa x \"t\";\n// caf"u8.ToArray(), 0xE9, .. "\n"u8.ToArray()]);
        var result = PgcheckProcess.Run("validate", spec);
        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"latin1\.isa:2:\d+: error PG\d{4}: ", result.Stderr);
    }

    [Fact]
    public void Usage_errors_exit_1_and_help_exits_0()
    {
        Assert.Equal(1, PgcheckProcess.Run("validate").ExitCode);
        Assert.Equal(1, PgcheckProcess.Run("no-such-command").ExitCode);
        var help = PgcheckProcess.Run("exec", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--program", help.Stdout);
    }
}
