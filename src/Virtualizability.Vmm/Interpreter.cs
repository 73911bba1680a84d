using Virtualizability.Execution;

namespace Virtualizability.Vmm;

/// <summary>
/// Popek and Goldberg's interpreters {v_i}, derived from the spec rather than written per instruction. The routine
/// for instruction i is i's own semantics, compiled from the IR, run on the virtual state by the VM's virtual CPU
/// (<see cref="VirtualMachine.Cpu"/>): the step's fetch goes through the virtual resources, the spec's decoder picks
/// i, and i's body reads and writes the virtual mode, the virtual R and guest memory (through the allocation). An
/// emulated LPSW therefore loads its PSW from the guest's memory at its virtual address and sets the virtual M and
/// R; the allocator then composes the real R from them.
/// </summary>
/// <remarks>
/// Interpreting re-runs the whole step (prologue, fetch, decode, body, epilogue) on the virtual state. The real step
/// that trapped is not undone first, so a spec must not write guest-visible state before the check that traps
/// (pg-machine and MIPS check privilege and translation first).
/// </remarks>
public static class Interpreter
{
    /// <summary>Emulates the instruction at the virtual P; if the spec's semantics trap on the virtual state, the guest takes that trap.</summary>
    public static void Interpret(VirtualMachine vm)
    {
        var step = vm.Cpu.Step();
        switch (step.Status)
        {
            case StepStatus.Completed:
            case StepStatus.Halted:
                VmmStatistics.Count(vm.Statistics.EmulatedByInstruction, step.Instruction?.Name ?? "(undefined)");
                break;
            case StepStatus.Trapped:
                Reflect(vm, step.Trap!);
                break;
        }
    }

    /// <summary>The guest takes the trap: the spec's trap entry runs on the virtual state, so the PSW swap happens in guest memory.</summary>
    public static void Reflect(VirtualMachine vm, Trap trap)
    {
        VmmStatistics.Count(vm.Statistics.ReflectedByCause, trap.Exception.Name);
        vm.TrapReflected?.Invoke(trap);
        // A trap raised by the entry itself is dropped, as the bare machine's run loop drops it.
        vm.Cpu.Deliver(trap);
    }
}
