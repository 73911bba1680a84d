using Virtualizability.Conformance.Bridge;
using Virtualizability.Conformance.Generators;
using Virtualizability.Conformance.Harness;

namespace Virtualizability.Mips.Conformance.Tests.Properties;

/// <summary>The generators reach what the properties claim to cover: every instruction, both modes, the exceptions.</summary>
public class GeneratorCoverageTests
{
    private static readonly IReadOnlyList<ConformanceCase> Sample =
        Enumerable.Range(1, 3000).Select(seed => CaseGenerator.SingleInstruction(seed * 7919)).ToList();

    [Fact]
    public void Single_instruction_cases_cover_every_mnemonic_of_the_reference_decoder()
    {
        var seen = Sample.Select(c => MipsDecoder.Decode(c.Program[0]).Mnemonic).ToHashSet();
        var missing = Enum.GetValues<Mnemonic>().Where(m => !seen.Contains(m)).ToList();
        Assert.True(missing.Count == 0, "never generated: " + string.Join(", ", missing));
    }

    [Fact]
    public void Single_instruction_cases_cover_every_instruction_of_the_spec()
    {
        var seen = Sample.Select(c => SpecModel.Isa.Decode(c.Program[0])?.Name ?? "undefined").ToHashSet();
        var missing = SpecModel.Isa.Model.Instructions.Select(i => i.Name).Where(n => !seen.Contains(n)).ToList();
        Assert.True(missing.Count == 0, "never generated: " + string.Join(", ", missing));
        Assert.Contains("undefined", seen);
    }

    [Fact]
    public void Every_instruction_of_the_spec_has_a_generator_whose_words_decode_to_it()
    {
        var problems = new List<string>();
        foreach (var instruction in SpecModel.Isa.Model.Instructions)
        {
            var template = InstructionTemplates.ForSpecInstruction(instruction.Name);
            if (template is null)
            {
                problems.Add($"{instruction.Name}: no generator");
                continue;
            }
            int hits = Enumerable.Range(1, 200).Count(seed => SpecModel.Isa.Decode(CaseGenerator.ForTemplate(template, seed).Program[0]) == instruction);
            if (hits < 180) problems.Add($"{instruction.Name}: only {hits} of 200 generated words decode to it");
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void States_are_in_kernel_and_user_mode_with_exl_erl_bev_and_delay_slots()
    {
        bool Has(Func<MipsState, bool> p) => Sample.Any(c => p(c.Initial));
        bool User(MipsState s) => (s.Status & 0x16) == 0x10;
        Assert.True(Has(User), "no user-mode state");
        Assert.True(Has(s => !User(s)), "no kernel-mode state");
        Assert.True(Has(s => User(s) && (s.Status & Cp0Bits.StatusCU0) != 0), "no user mode with CU0");
        Assert.True(Has(s => (s.Status & Cp0Bits.StatusEXL) != 0), "no EXL");
        Assert.True(Has(s => (s.Status & Cp0Bits.StatusERL) != 0), "no ERL");
        Assert.True(Has(s => (s.Status & Cp0Bits.StatusBEV) != 0), "no BEV");
        Assert.True(Has(s => s.InDelaySlot), "no delay slot");
        Assert.True(Has(s => s.Pc < 0x8000_0000u), "no program in kuseg");
        Assert.True(Has(s => s.Pc is >= 0x8000_0000u and < 0xA000_0000u), "no program in kseg0");
    }

    [Fact]
    public void Single_instruction_cases_take_every_exception_the_spec_declares()
    {
        var taken = Sample.Select(c => new Lockstep(SpecModel.Isa, c).Step().ModelTrap).OfType<string>()
            .Select(t => t[..t.IndexOf('(')]).ToHashSet();
        var missing = ExceptionNames.SpecNames.Where(n => !taken.Contains(n)).ToList();
        Assert.True(missing.Count == 0, "never raised: " + string.Join(", ", missing));
    }

    [Fact]
    public void Sequences_have_in_program_branch_targets_and_up_to_200_instructions()
    {
        var sequences = Enumerable.Range(1, 300).Select(seed => CaseGenerator.Sequence(seed * 104729)).ToList();
        Assert.Equal(200, sequences.Max(c => c.Program.Length));
        Assert.Equal(1, sequences.Min(c => c.Program.Length));
        int inside = 0, branches = 0;
        foreach (var c in sequences)
            for (int i = 0; i < c.Program.Length; i++)
            {
                var m = MipsDecoder.Decode(c.Program[i]).Mnemonic;
                if (m is not (Mnemonic.Beq or Mnemonic.Bne or Mnemonic.Bgez or Mnemonic.Bltz)) continue;
                branches++;
                int target = i + 1 + (short)c.Program[i];
                if (target >= 0 && target <= c.Program.Length) inside++;
            }
        // The few fully random words among them are not aimed.
        Assert.True(branches > 100 && inside >= branches * 95 / 100, $"{inside} of {branches} branches land inside their program");
    }
}
