using Virtualizability.Conformance.Generators;

namespace Virtualizability.Mips.Conformance.Tests.Properties;

/// <summary>
/// Every instruction of isa-specs/mips32.isa, one theory case each: <see cref="Runs.PerInstruction"/> random
/// operand fields of that instruction's form in random states (GPRs, HI/LO, CP0, TLB, memory; kernel and user
/// mode), spec and reference in lockstep. An instruction without a generator fails here, by name.
/// </summary>
public class InstructionConformanceTests
{
    public static TheoryData<string> SpecInstructions => new(SpecModel.Isa.Model.Instructions.Select(i => i.Name));

    [Theory]
    [MemberData(nameof(SpecInstructions))]
    public void The_instruction_gives_the_same_result_on_spec_and_reference(string instruction)
    {
        var template = InstructionTemplates.ForSpecInstruction(instruction);
        Assert.True(template is not null, $"no generator makes {instruction} words: add its form to InstructionTemplates");
        ConformanceProperties.Check(seed => CaseGenerator.ForTemplate(template, seed), Runs.PerInstruction);
    }
}
