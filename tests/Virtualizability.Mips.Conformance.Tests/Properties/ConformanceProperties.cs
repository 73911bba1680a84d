using FsCheck;
using FsCheck.Fluent;
using Virtualizability.Conformance.Generators;
using Virtualizability.Conformance.Harness;
using Virtualizability.Execution;

namespace Virtualizability.Mips.Conformance.Tests.Properties;

/// <summary>
/// The spec model (isa-specs/mips32.isa) and the reference interpreter agree on every step: full architectural
/// state, RAM, and the exception taken. A failure is shrunk and printed as a program listing with its initial state.
/// </summary>
public class ConformanceProperties
{
    [Fact]
    public void One_instruction_from_a_random_state_gives_the_same_result_on_both() =>
        Check(CaseGenerator.SingleInstruction, Runs.SingleInstruction);

    [Fact]
    public void Random_sequences_of_up_to_200_instructions_run_the_same_on_both() =>
        Check(CaseGenerator.Sequence, Runs.Sequences);

    internal static void Check(Func<int, ConformanceCase> make, int count) => Check(SpecModel.Isa, make, count);

    /// <summary>Runs <paramref name="count"/> cases in lockstep; the first divergence, shrunk, fails the test.</summary>
    internal static void Check(CompiledIsa isa, Func<int, ConformanceCase> make, int count)
    {
        var property = Prop.ForAll(CaseGenerator.Arbitrary(isa, make), c =>
        {
            var divergence = CaseRunner.FirstDivergence(isa, c);
            if (divergence is not null) throw new ConformanceFailure(FailureReport.Describe(divergence, c));
        });
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(count), property);
    }
}

/// <summary>The two sides disagreed; the message is the divergence, the program and its initial state.</summary>
public sealed class ConformanceFailure(string message) : Exception(message);
