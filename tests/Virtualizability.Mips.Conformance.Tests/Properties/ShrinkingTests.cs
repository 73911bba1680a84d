using Virtualizability.Conformance.Generators;
using Virtualizability.Conformance.Runs;
using Virtualizability.Execution;
using Virtualizability.Isa;

namespace Virtualizability.Mips.Conformance.Tests.Properties;

/// <summary>
/// A spec with a planted bug (ADDU subtracts) must be caught, and the failure shrunk to the one instruction with its
/// operand fields and registers made small, printed as assembly: what a real divergence would show.
/// </summary>
public class ShrinkingTests
{
    private static readonly Lazy<CompiledIsa> BrokenAddu = new(() =>
    {
        var text = File.ReadAllText(Path.Combine(SpecModel.RepoRoot, "isa-specs", "mips32.isa"));
        const string addu = "{ GPR[rd] := GPR[rs] + GPR[rt]; }";
        Assert.Contains(addu, text);
        var result = IsaFrontEnd.LoadText(text.Replace(addu, "{ GPR[rd] := GPR[rs] - GPR[rt]; }"), "mips32-broken-addu.isa");
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return CompiledIsa.Compile(result.Model!);
    });

    [Fact]
    public void A_divergence_shrinks_to_one_instruction_with_minimal_operands_and_registers()
    {
        var result = ConformanceRunner.Run(BrokenAddu.Value, new ConformOptions(Runs: 300, Seed: 7, MaxLength: 24));

        var failure = Assert.IsType<ConformFailure>(result.Failure);
        var c = failure.Case;
        Assert.Equal(1, c.Steps);
        var instruction = Assert.Single(c.Program);
        // rd and rt cannot be $zero (nothing written; x + 0 = x - 0), rs can; each shrinks to its smallest register.
        Assert.Equal("addu $at, $zero, $at", MipsDisassembler.Disassemble(instruction, c.Initial.Pc));
        // Only $at matters, and one bit of it (any b with 2b != 0 mod 2^32 tells + from -).
        Assert.Equal(1, System.Numerics.BitOperations.PopCount(c.Initial.Gpr[1]));
        Assert.All(Enumerable.Range(2, 30), r => Assert.Equal(0u, c.Initial.Gpr[r]));
        Assert.Equal(1, failure.Divergence.Steps);
        Assert.Contains(failure.Divergence.Differences, line => line.StartsWith("$at: reference", StringComparison.Ordinal));
        Assert.Contains("addu $at, $zero, $at", failure.Listing);
    }

    [Fact]
    public void The_per_instruction_property_reports_the_shrunk_program_as_assembly()
    {
        var template = InstructionTemplates.ForSpecInstruction("ADDU")!;
        var error = Assert.ThrowsAny<Exception>(() =>
            ConformanceProperties.Check(BrokenAddu.Value, seed => CaseGenerator.ForTemplate(template, seed), 200));
        Assert.Contains("first divergence at step 0", error.Message);
        Assert.Contains("addu $at, $zero, $at", error.Message);
    }
}
