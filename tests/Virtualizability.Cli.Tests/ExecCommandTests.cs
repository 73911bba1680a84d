using Xunit;

namespace Virtualizability.Cli.Tests;

/// <summary>
/// `pgcheck exec` on pg-machine programs. Words are written out by hand from the spec's encodings
/// (opcode in bits 31..26, ra 25..23, rb 22..20, rc 19..17, imm 15..0), so the tests also pin the encodings.
/// </summary>
public sealed class ExecCommandTests
{
    private const string Li1_5 = "0x14800005";    // LI G1, 5
    private const string Li2_7 = "0x15000007";    // LI G2, 7
    private const string Add3_1_2 = "0x41940000"; // ADD G3, G1, G2
    private const string Halt = "0xFC000000";
    private const string Svc42 = "0xC000002A";    // SVC 42
    private static readonly string PgMachine = PgcheckProcess.Spec("pg-machine.isa");

    [Fact]
    public void A_program_runs_to_halt_and_prints_the_final_state()
    {
        var result = PgcheckProcess.Run("exec", PgMachine, "--program", $"{Li1_5} {Li2_7} {Add3_1_2} {Halt}");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("halted after 4 step(s), 0 trap(s)", result.Stdout);
        Assert.Contains("G[1] = 0x0005", result.Stdout);
        Assert.Contains("G[2] = 0x0007", result.Stdout);
        Assert.Contains("G[3] = 0x000C", result.Stdout);
        Assert.Contains("P = 0x010C", result.Stdout); // HALT ends the step before the epilogue moves P on
    }

    [Fact]
    public void A_privileged_instruction_in_user_mode_stops_at_its_trap()
    {
        var result = PgcheckProcess.Run("exec", PgMachine, "--program", $"{Li1_5} {Halt}", "--mode", "user", "--trace");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("stopped at trap PrivilegedOperation() after 2 step(s), 1 trap(s)", result.Stdout);
        Assert.Contains("mode: user", result.Stdout);
        Assert.Contains("HALT", result.Stdout); // the trace names the trapping instruction
    }

    [Fact]
    public void Set_options_change_state_before_the_run()
    {
        // B = 0x0104 leaves room for the first word only: the second fetch is a memory violation at P = 0x0104.
        var result = PgcheckProcess.Run("exec", PgMachine, "--program", $"{Li1_5} {Li2_7}", "--set", "B=0x104", "--set", "G[5]=9");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("stopped at trap MemoryViolation(addr=0x104)", result.Stdout);
        Assert.Contains("G[5] = 0x0009", result.Stdout);
    }

    [Fact]
    public void Delivered_traps_run_the_spec_entry_and_continue()
    {
        // SVC swaps PSWs: the old PSW goes to 0x0000..0x0007, the trap code (3) to 0x0010, the argument to 0x0012,
        // and the new PSW is loaded from 0x0008 (all zero here), so execution continues at P = 0 with B = 0:
        // the next fetch violates the bound, which is delivered too, until the step limit.
        var result = PgcheckProcess.Run("exec", PgMachine, "--program", Svc42, "--deliver-traps", "--steps", "3");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("step limit reached after 3 step(s), 3 trap(s)", result.Stdout);
        Assert.Contains("E[0x11]: 0x0 -> 0x1", result.Stdout); // trap code of the last trap: MemoryViolation = 1
    }

    [Theory]
    [InlineData("--set", "Q=1", "has no register 'Q'")]
    [InlineData("--set", "G=1", "is a register file")]
    [InlineData("--set", "G[9]=1", "outside G[0..7]")]
    [InlineData("--set", "P=0x10000", "does not fit in 16 bits")]
    [InlineData("--mode", "kernel", "kernel")]
    public void Bad_options_are_usage_errors(string option, string value, string message)
    {
        var result = PgcheckProcess.Run("exec", PgMachine, "--program", Halt, option, value);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void A_program_that_is_not_hex_is_a_usage_error()
    {
        var result = PgcheckProcess.Run("exec", PgMachine, "--program", "0x1234 zz");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'zz' is not a hex number", result.Stderr);
    }

    [Fact]
    public void A_program_file_of_words_with_comments_loads()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("pgcheck-cli").FullName, "prog.hex");
        File.WriteAllText(file, $"# add two numbers\n{Li1_5}  // G1 := 5\n{Li2_7}\n{Add3_1_2} ; G3 := G1 + G2\n{Halt}\n");
        var result = PgcheckProcess.Run("exec", PgMachine, "--program", file);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("G[3] = 0x000C", result.Stdout);
    }
}
