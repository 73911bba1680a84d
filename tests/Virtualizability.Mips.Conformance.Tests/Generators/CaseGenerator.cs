using FsCheck;
using FsCheck.Fluent;
using Virtualizability.Mips.Conformance.Tests.Harness;

namespace Virtualizability.Mips.Conformance.Tests.Generators;

/// <summary>
/// FsCheck generators of whole cases. A case is drawn from one generated seed (see <see cref="Draw"/>), so
/// FsCheck's replay seed reproduces it; shrinking is <see cref="CaseShrinker"/>'s.
/// </summary>
internal static class CaseGenerator
{
    private static readonly Placement[] Placements = Enum.GetValues<Placement>();

    /// <summary>One instruction (from any class, or any word) at PC in a random state, followed by random words.</summary>
    public static ConformanceCase SingleInstruction(int seed)
    {
        var d = new Draw(seed);
        var placement = d.Pick(Placements);
        var (state, pa) = StateGenerator.Create(d, placement, 4);
        uint[] program = [InstructionGenerator.Any(d), InstructionGenerator.Any(d), InstructionGenerator.Any(d), InstructionGenerator.Any(d)];
        return new ConformanceCase(state, d.Chance(0.8) ? seed | 1 : 0, pa, program, Steps: 1);
    }

    /// <summary>
    /// A program of 1..200 mostly valid instructions whose branches and jumps land inside it, run for up to
    /// 1.5 times its length.
    /// </summary>
    public static ConformanceCase Sequence(int seed)
    {
        var d = new Draw(seed);
        int length = d.Chance(0.3) ? d.Int(1, 20) : d.Int(20, 201);
        var placement = d.Pick(Placements);
        var (state, pa) = StateGenerator.Create(d, placement, length);
        if (d.Chance(0.7)) state.Status &= ~Cp0Bits.StatusBEV; // let most sequences reach the handlers
        uint programVa = state.Pc;
        var program = new uint[length];
        for (int i = 0; i < length; i++) program[i] = SequenceWord(d, i, length, programVa);
        return new ConformanceCase(state, d.Chance(0.8) ? seed | 1 : 0, pa, program, Steps: Math.Min(300, length * 3 / 2 + 1));
    }

    private static uint SequenceWord(Draw d, int index, int length, uint programVa)
    {
        if (d.Chance(0.02)) return d.Word();
        var template = d.Pick(InstructionTemplates.All);
        uint word = InstructionGenerator.FromTemplate(d, template);
        int target = d.Int(length + 1);
        return template.Kind switch
        {
            TemplateKind.Branch => (word & 0xFFFF_0000u) | ((uint)(target - index - 1) & 0xFFFF),
            TemplateKind.Jump => (word & 0xFC00_0000u) | (((programVa + 4u * (uint)target) >> 2) & 0x03FF_FFFF),
            _ => word,
        };
    }

    public static Arbitrary<ConformanceCase> SingleInstructionCases =>
        Arb.From(Gen.Choose(int.MinValue, int.MaxValue).Select(SingleInstruction), CaseShrinker.Shrink);

    public static Arbitrary<ConformanceCase> Sequences =>
        Arb.From(Gen.Choose(int.MinValue, int.MaxValue).Select(Sequence), CaseShrinker.Shrink);
}
