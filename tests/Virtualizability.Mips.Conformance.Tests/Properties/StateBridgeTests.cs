using Virtualizability.Execution;
using Virtualizability.Conformance.Bridge;
using Virtualizability.Conformance.Generators;

namespace Virtualizability.Mips.Conformance.Tests.Properties;

public class StateBridgeTests
{
    [Fact]
    public void Random_states_survive_the_round_trip_through_the_spec_state()
    {
        for (int seed = 1; seed <= 500; seed++)
        {
            var original = CaseGenerator.SingleInstruction(seed).Initial;
            var model = new MachineState(SpecModel.Isa.Model, new MachineOptions { DefaultMemoryLimitBytes = 4096 });
            StateBridge.ToModel(original, model);
            var back = StateBridge.FromModel(model);
            Assert.Equal([], original.Diff(back));
        }
    }

    [Fact]
    public void A_difference_in_any_tlb_word_is_seen()
    {
        var original = CaseGenerator.SingleInstruction(42).Initial;
        var model = new MachineState(SpecModel.Isa.Model, new MachineOptions { DefaultMemoryLimitBytes = 4096 });
        StateBridge.ToModel(original, model);
        model.SetRegister("TLB_Lo1", 15, model.GetRegister("TLB_Lo1", 15) ^ 0x40);
        Assert.Contains(original.Diff(StateBridge.FromModel(model)), line => line.StartsWith("TLB[15]", StringComparison.Ordinal));
    }
}
