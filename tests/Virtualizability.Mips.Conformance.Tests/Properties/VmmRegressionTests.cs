using Virtualizability.Conformance.Generators;
using Virtualizability.Conformance.ThreeWay;

namespace Virtualizability.Mips.Conformance.Tests.Properties;

/// <summary>VMM bugs `pgcheck conform` found, pinned by deterministic cases.</summary>
public class VmmRegressionTests
{
    /// <summary>
    /// An LL the guest runs directly (user mode, mapped kuseg) sets the real LLAddr from the machine address; the guest
    /// must see the guest-physical one (it was off by the VM's base in machine memory).
    /// </summary>
    [Fact]
    public void A_directly_executed_ll_leaves_the_guest_physical_address_in_lladdr()
    {
        var ll = InstructionTemplates.ForSpecInstruction("LL")!;
        var found = 0;
        for (int seed = 1; seed < 2000 && found < 5; seed++)
        {
            var c = CaseGenerator.ForTemplate(ll, seed) with { Steps = 1 };
            bool userMode = (c.Initial.Status & 0x1000_0016) == 0x10; // UM set; EXL, ERL, CU0 clear: runs directly
            if (!userMode) continue;
            var bare = BareModelRun.Run(SpecModel.Isa, c, c.BuildRam(), 1);
            if (bare.Exceptions.Count > 0 || bare.State.LLAddr == c.Initial.LLAddr) continue;
            found++;
            var differences = ThreeWayRun.Differences(SpecModel.Isa, c);
            Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
        }
        Assert.True(found == 5, $"only {found} user-mode LLs that complete in 2000 seeds");
    }
}
