namespace Virtualizability.Mips.Conformance.Tests.Properties;

/// <summary>
/// How many cases the properties run: a CI-sized default, multiplied by the PG_CONFORM_RUNS environment
/// variable (e.g. PG_CONFORM_RUNS=20 for a long run).
/// </summary>
internal static class Runs
{
    public const int PerInstructionDefault = 3000;
    public const int SingleInstructionDefault = 4000;
    public const int SequenceDefault = 300;

    public static int Scale =>
        int.TryParse(Environment.GetEnvironmentVariable("PG_CONFORM_RUNS"), out var n) && n > 0 ? n : 1;

    public static int PerInstruction => PerInstructionDefault * Scale;
    public static int SingleInstruction => SingleInstructionDefault * Scale;
    public static int Sequences => SequenceDefault * Scale;
}
