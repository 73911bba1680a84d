using FsCheck;
using FsCheck.Fluent;
using Virtualizability.Conformance.Harness;
using Virtualizability.Execution;

namespace Virtualizability.Conformance.Generators;

/// <summary>
/// FsCheck generators of whole cases. A case is drawn from one generated seed (see <see cref="Draw"/>), so
/// FsCheck's replay seed reproduces it; shrinking is <see cref="CaseShrinker"/>'s.
/// </summary>
public static class CaseGenerator
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
    /// One instruction of <paramref name="template"/>'s form with random operand fields, at PC in a random state
    /// (kernel or user mode, any segment); a third of the cases also run the next (random) word, which is the
    /// delay slot after a branch or jump.
    /// </summary>
    public static ConformanceCase ForTemplate(InstructionTemplate template, int seed)
    {
        var d = new Draw(seed);
        var placement = d.Pick(Placements);
        var (state, pa) = StateGenerator.Create(d, placement, 4);
        uint[] program = [InstructionGenerator.FromTemplate(d, template), InstructionGenerator.Any(d), InstructionGenerator.Any(d), InstructionGenerator.Any(d)];
        return new ConformanceCase(state, d.Chance(0.8) ? seed | 1 : 0, pa, program, Steps: d.Chance(0.3) ? 2 : 1);
    }

    public const int DefaultMaxLength = 200;

    /// <summary>A program of up to 200 instructions (<see cref="Program"/>).</summary>
    public static ConformanceCase Sequence(int seed) => Program(seed, DefaultMaxLength);

    /// <summary>
    /// A program of 1..<paramref name="maxLength"/> mostly valid instructions whose branches and jumps land inside
    /// it, run for up to 1.5 times its length. When a register points at the UART, some instructions are byte
    /// stores through it: console output to compare.
    /// </summary>
    public static ConformanceCase Program(int seed, int maxLength)
    {
        var d = new Draw(seed);
        int shortest = Math.Min(20, maxLength);
        int length = d.Chance(0.3) || maxLength <= 20 ? d.Int(1, shortest + 1) : d.Int(20, maxLength + 1);
        var placement = d.Pick(Placements);
        var (state, pa) = StateGenerator.Create(d, placement, length);
        if (d.Chance(0.7)) state.Status &= ~Cp0Bits.StatusBEV; // let most sequences reach the handlers
        uint programVa = state.Pc;
        int[] uartPointers = Enumerable.Range(1, 31).Where(r => state.Gpr[r] == StateGenerator.UartKseg1).ToArray();
        var program = new uint[length];
        for (int i = 0; i < length; i++)
            program[i] = uartPointers.Length > 0 && d.Chance(0.05)
                ? Asm.IType(0x28, d.Pick(uartPointers), d.Int(32), 0) // SB to the UART's transmit register
                : SequenceWord(d, i, length, programVa);
        return new ConformanceCase(state, d.Chance(0.8) ? seed | 1 : 0, pa, program, Steps: length * 3 / 2 + 1);
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

    /// <summary>Cases made by <paramref name="make"/> from seeds FsCheck draws, shrunk by <see cref="CaseShrinker"/>.</summary>
    public static Arbitrary<ConformanceCase> Arbitrary(CompiledIsa isa, Func<int, ConformanceCase> make) =>
        Arb.From(Gen.Choose(int.MinValue, int.MaxValue).Select(make), new CaseShrinker(isa).Shrink);
}
