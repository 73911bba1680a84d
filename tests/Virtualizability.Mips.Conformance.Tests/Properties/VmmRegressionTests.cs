using Virtualizability.Conformance.Generators;
using Virtualizability.Conformance.Harness;
using Virtualizability.Mips.Reference;
using Virtualizability.Conformance.ThreeWay;

namespace Virtualizability.Mips.Conformance.Tests.Properties;

/// <summary>VMM and harness bugs `pgcheck conform` found, pinned by deterministic cases.</summary>
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

    /// <summary>
    /// A word store to the UART's base writes its IER too (the bus splits it into bytes); with the transmitter-empty
    /// interrupt enabled the UART raises IRQ 4, the 8259s raise Cause.IP2, and the CPU takes the interrupt. The bare board
    /// and every VM wire that line; the reference's board did not (found by seeds 17, 23, 29, 31 and 41 of long conform
    /// runs: "Cause: reference 0x00000000 != spec 0x00000400").
    /// </summary>
    [Fact]
    public void A_uart_interrupt_raised_by_a_store_reaches_all_three_cpus()
    {
        const uint entry = 0x8000_1000, storeWordT8AtS5 = 0xAEB8_0000;
        var initial = MipsState.AfterKernelLoad(entry);
        initial.Status = 0x0000_0401;        // kernel mode, IE, IM2 (the board's line); BEV clear
        initial.Gpr[21] = 0xB800_03F8;       // $s5: the UART (kseg1)
        initial.Gpr[24] = 0x0000_0200;       // $t8: THR = 0, IER = 2 (transmitter empty), FCR = LCR = 0
        var c = new ConformanceCase(initial, MemorySeed: 0, ProgramPa: entry & 0x1FFF_FFFF, Program: [storeWordT8AtS5, 0, 0, 0], Steps: 3);

        var bare = BareModelRun.Run(SpecModel.Isa, c, c.BuildRam(), c.Steps);
        Assert.Contains(bare.Exceptions, e => e.Code == ExceptionCode.Interrupt);
        var differences = ThreeWayRun.Differences(SpecModel.Isa, c);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }
}
