using Virtualizability.Execution.Tests.Building;
using Xunit;
using static Virtualizability.Execution.Tests.Building.PgMachineSubset;

namespace Virtualizability.Execution.Tests;

public class PgMachineProgramTests
{
    private static readonly PgMachineSubset Pg = new();
    private static readonly CompiledIsa Compiled = CompiledIsa.Compile(Pg.Model);

    /// <summary>A machine after reset whose trap handler (new PSW at 0x0008) is supervisor code at 0x0300 that halts.</summary>
    private static Machine NewMachine()
    {
        var machine = new Machine(Compiled);
        var storage = machine.State.Memory("E");
        storage.Write(0x0008, 2, 0);        // new M
        storage.Write(0x000A, 2, 0x0300);   // new P
        storage.Write(0x000C, 2, 0);        // new L
        storage.Write(0x000E, 2, 0xFFFF);   // new B
        Load(machine.State, 0x0300, Halt);
        machine.Reset();
        return machine;
    }

    [Fact]
    public void Summing_loop_store_load_and_supervisor_call_reach_the_hand_computed_state()
    {
        var machine = NewMachine();
        Load(machine.State, 0x0100,
            Li(1, 10),           // 0x100 counter
            Li(2, 0),            // 0x104 sum
            Li(3, 0),            // 0x108 zero
            Add3(2, 2, 1),       // 0x10C sum += counter
            Addi(1, 1, 0xFFFF),  // 0x110 counter -= 1
            Bne(1, 3, -12),      // 0x114 back to 0x10C while counter != 0
            Sw(2, 0, 0x0200),    // 0x118
            Lw(4, 0, 0x0200),    // 0x11C
            Svc(7),              // 0x120 traps; the handler halts
            Halt);

        var result = machine.Run(1000);

        Assert.Equal(RunStopReason.Halted, result.Reason);
        Assert.Equal(3 + 3 * 10 + 2 + 1 + 1, result.Steps);
        Assert.Equal(1, result.Traps);
        Assert.Equal(Pg.SupervisorCall, result.LastTrap!.Exception);
        Assert.Equal([7UL], result.LastTrap.Arguments.ToArray());
        var state = machine.Snapshot();
        Assert.Equal(0UL, state["G[1]"]);
        Assert.Equal(55UL, state["G[2]"]);
        Assert.Equal(55UL, state["G[4]"]);
        Assert.Equal(0x0300UL, state["P"]);   // halt ends the step before the epilogue
        Assert.Equal(0x0304UL, state["NP"]);
        var storage = machine.State.Memory("E");
        Assert.Equal(55UL, storage.Read(0x0200, 2));
        Assert.Equal(0x0124UL, storage.Read(0x0002, 2)); // SVC saves the next P
        Assert.Equal(3UL, storage.Read(0x0010, 2));      // trap code
        Assert.Equal(7UL, storage.Read(0x0012, 2));      // trap argument
        Assert.True(machine.IsHalted);
    }

    [Fact]
    public void Step_reports_the_instruction_and_returns_the_trap_undelivered()
    {
        var machine = NewMachine();
        Load(machine.State, 0x0100, Li(5, 0x1234), Svc(9));

        var first = machine.Step();
        Assert.Equal(StepStatus.Completed, first.Status);
        Assert.Equal(Pg.LI, first.Instruction);
        Assert.Equal(0x0104UL, machine.State.GetRegister("P"));

        var second = machine.Step();
        Assert.Equal(StepStatus.Trapped, second.Status);
        Assert.Equal(Pg.SVC, second.Instruction);
        Assert.Equal(Pg.SupervisorCall, second.Trap!.Exception);
        // The epilogue did not run: P still addresses the SVC; the prologue's NP write stays.
        Assert.Equal(0x0104UL, machine.State.GetRegister("P"));
        Assert.Equal(0x0108UL, machine.State.GetRegister("NP"));
        Assert.Equal(0UL, machine.State.Memory("E").Read(0x0010, 2));

        Assert.Null(machine.Deliver(second.Trap));
        Assert.Equal(0x0300UL, machine.State.GetRegister("P"));
        Assert.Equal(3UL, machine.State.Memory("E").Read(0x0010, 2));
        Assert.Equal(9UL, machine.State.Memory("E").Read(0x0012, 2));
        Assert.Equal(0x0108UL, machine.State.Memory("E").Read(0x0002, 2));
    }

    [Fact]
    public void Out_of_bounds_load_traps_with_the_virtual_address_and_leaves_the_target_register()
    {
        var machine = NewMachine();
        Load(machine.State, 0x0100, Li(1, 0x00FF), Lw(2, 1, 0x0F00));
        machine.State.SetRegister("G", 2, 0xBEEF);
        machine.Step();
        machine.State.SetRegister("B", 0x1000);   // bound below 0x0FFF + 2

        var result = machine.Step();

        Assert.Equal(StepStatus.Trapped, result.Status);
        Assert.Equal(Pg.MemoryViolation, result.Trap!.Exception);
        Assert.Equal([0x0FFFUL], result.Trap.Arguments.ToArray());
        Assert.Equal(0xBEEFUL, machine.State.GetRegister("G", 2));
    }

    [Fact]
    public void Fetch_trap_reports_no_instruction()
    {
        var machine = NewMachine();
        machine.State.SetRegister("B", 0x0100);   // P = 0x100 is outside the bound

        var result = machine.Step();

        Assert.Equal(StepStatus.Trapped, result.Status);
        Assert.Null(result.Instruction);
        Assert.Equal(Pg.MemoryViolation, result.Trap!.Exception);
        Assert.Equal([0x0100UL], result.Trap.Arguments.ToArray());
    }

    [Fact]
    public void Undefined_word_runs_the_undefined_block()
    {
        var machine = NewMachine();
        Load(machine.State, 0x0100, 0xDEAD_BEEF);
        var result = machine.Step();
        Assert.Null(result.Instruction);
        Assert.Equal(Pg.IllegalInstruction, result.Trap!.Exception);
    }

    [Fact]
    public void Privileged_instruction_traps_in_user_mode_and_runs_in_supervisor_mode()
    {
        var machine = NewMachine();
        Load(machine.State, 0x0100, Setr(1, 2), Setr(1, 2));
        machine.State.SetRegister("G", 1, 0x0040);
        machine.State.SetRegister("G", 2, 0x8000);
        Assert.True(machine.IsSupervisor);

        machine.EnterUser();
        Assert.False(machine.IsSupervisor);
        var user = machine.Step();
        Assert.Equal(Pg.PrivilegedOperation, user.Trap!.Exception);
        Assert.Equal(0UL, machine.State.GetRegister("L"));

        machine.EnterSupervisor();
        Assert.Equal(StepStatus.Completed, machine.Step().Status);
        Assert.Equal(0x0040UL, machine.State.GetRegister("L"));
        Assert.Equal(0x8000UL, machine.State.GetRegister("B"));
    }

    [Fact]
    public void Relocation_moves_storage_and_the_base_so_a_program_runs_the_same()
    {
        var machine = NewMachine();
        Load(machine.State, 0x0100, Li(1, 0x0042), Sb(1, 0, 0x0200), Lb(3, 0, 0x0200), Halt);
        var relocated = new Machine(Compiled, machine.State.Clone());
        relocated.Reset();

        relocated.Relocate(0x1000);

        Assert.Equal(0x1000UL, relocated.State.GetRegister("L"));
        Assert.Equal(machine.State.Memory("E").Read(0x0100, 4), relocated.State.Memory("E").Read(0x1100, 4));
        machine.Run(10);
        relocated.Run(10);
        Assert.Equal(0x42UL, machine.State.GetRegister("G", 3));
        Assert.Equal(machine.Snapshot().Diff(relocated.Snapshot()).Select(d => d.Location), ["L"]);
        Assert.Equal(0x42UL, relocated.State.Memory("E").Read(0x1200, 1));
    }

    [Fact]
    public void Execute_instruction_runs_one_given_word_with_prologue_and_epilogue()
    {
        var machine = NewMachine();
        var word = (UInt128)Addi(6, 6, 5);
        Assert.Equal(Pg.ADDI, machine.Decode(word));

        var result = machine.ExecuteInstruction(Pg.ADDI, word);

        Assert.Equal(StepStatus.Completed, result.Status);
        Assert.Equal(5UL, machine.State.GetRegister("G", 6));
        Assert.Equal(0x0104UL, machine.State.GetRegister("P"));
        machine.ExecuteBody(Pg.ADDI, word);
        Assert.Equal(10UL, machine.State.GetRegister("G", 6));
        Assert.Equal(0x0104UL, machine.State.GetRegister("P"));
    }

    [Fact]
    public void Run_without_delivery_stops_at_the_first_trap_and_a_handler_can_take_traps()
    {
        var machine = NewMachine();
        Load(machine.State, 0x0100, Svc(1), Svc(2), Svc(3));
        var stopped = machine.Run(100, deliverTraps: false);
        Assert.Equal(RunStopReason.Trapped, stopped.Reason);
        Assert.Equal(1, stopped.Steps);

        // A VMM-like handler emulates the call by skipping it, and stops at the third.
        machine.Reset();
        var seen = new List<ulong>();
        var handled = machine.Run(100, deliverTraps: false, onTrap: trap =>
        {
            seen.Add(trap.Arguments[0]);
            machine.State.SetRegister("P", machine.State.GetRegister("NP"));
            return trap.Arguments[0] < 3;
        });
        Assert.Equal(RunStopReason.StoppedByHandler, handled.Reason);
        Assert.Equal([1UL, 2UL, 3UL], seen);
        Assert.Equal(3, handled.Traps);
    }

    [Fact]
    public void Step_limit_stops_an_endless_loop()
    {
        var machine = NewMachine();
        Load(machine.State, 0x0100, Jmp(0x0100));
        var result = machine.Run(12345);
        Assert.Equal(RunStopReason.StepLimit, result.Reason);
        Assert.Equal(12345, result.Steps);
    }

    [Fact]
    public void Clone_copy_and_compare_states()
    {
        var machine = NewMachine();
        var before = machine.State.Clone();
        Assert.True(before.ContentEquals(machine.State));
        Load(machine.State, 0x0100, Li(1, 7), Sw(1, 0, 0x0400));
        machine.Run(2);

        Assert.False(before.ContentEquals(machine.State));
        var differences = StateSnapshot.Compare(before, machine.State).Select(d => d.ToString()).ToList();
        Assert.Contains("G[1]: 0x0 -> 0x7", differences);
        Assert.Contains("E[0x401]: 0x0 -> 0x7", differences);
        Assert.Contains("P: 0x100 -> 0x108", differences);

        machine.State.CopyFrom(before);
        Assert.True(before.ContentEquals(machine.State));
        Assert.Contains("G[7] = 0x0000", machine.Snapshot().ToString());
    }
}
