using Virtualizability.Analysis;
using Virtualizability.Isa.Ir;
using Virtualizability.Skeletons.Emit;

namespace Virtualizability.Skeletons.Files;

/// <summary>Vmm/Dispatcher.cs, Vmm/Monitor.cs and Vmm/Classification.cs: the control program around the allocator.</summary>
internal sealed class ControlFiles(IsaModel model, string ns, DefinitionReport classification, bool hybrid)
{
    public IEnumerable<GeneratedFile> All() => [Dispatcher(), Monitor(), Classification()];

    private GeneratedFile Dispatcher()
    {
        var w = CodeWriter.File(ns, "Virtualizability.Execution");
        w.Summary($"""
            Popek and Goldberg's dispatcher D: entered on every real trap (the real run loop's onTrap hook).
            A memory trap goes to the allocator (reflect, emulate, retry); any other trap in virtual user mode is the
            guest's own and is reflected; any other trap in virtual supervisor mode is interpreted: if the spec's
            semantics complete on the virtual state the instruction is emulated, if they trap the guest takes that trap.
            {(hybrid ? "Hybrid VMM (Theorem 3): when the guest is in virtual supervisor mode after a dispatch, the real run stops and\nthe monitor interprets every instruction until the guest is back in virtual user mode." : "")}
            """);
        w.Open("public sealed class Dispatcher(Allocator allocator)");
        w.Line($"public const bool Hybrid = {(hybrid ? "true" : "false")};");
        w.Line();
        w.Summary("Handles one real trap of vm; returns false to stop the real run (the VM halted" + (hybrid ? ", or must be interpreted" : "") + ").");
        w.Open("public bool Dispatch(VirtualMachine vm, Trap realTrap)");
        w.Line("var real = allocator.Real;");
        w.Line("var trap = GuestTrap.FromReal(realTrap);");
        w.Line("vm.Statistics.Traps++;");
        w.Line("Statistics.Count(vm.Statistics.TrapsByCause, trap.Exception.ToString());");
        w.Line("WorldSwitch.ToVirtual(real.State.Registers, vm.State);");
        w.Line("allocator.SaveRealResources(vm);");
        w.Open("if (IsMemoryTrap(trap.Exception))");
        w.Open("switch (allocator.ResolveMemoryTrap(vm, trap))");
        w.Line("case MemoryTrapResolution.Reflect: Reflect(vm, trap); break;");
        w.Line("case MemoryTrapResolution.Emulate: Interpret(vm); break;");
        w.Line("default: vm.Statistics.Retries++; break;");
        w.Close();
        w.Close();
        w.Line("else if (vm.Cpu.IsUser || ReflectedInEveryMode(trap.Exception)) Reflect(vm, trap);");
        w.Line("else Interpret(vm);");
        w.Line();
        // The end of the slice copies the real registers and resources out again, also when the run stops here: loading
        // the resources only for a VM that resumes let that copy put the ones from before the trap back over what the
        // trap entry wrote (a SPARC guest's error-mode halt lost its TBR.tt; a hybrid guest entering supervisor mode
        // would lose its PSR.ET/PS and tt; a PDP-11 hybrid guest resumed its kernel with the user map its trap entry had
        // exchanged, and ran off into zeros).
        w.Line("// Even a VM that stops here (halted" + (hybrid ? ", or interpreted from now on" : "") + ") gets its final direct registers and resources back in the");
        w.Line("// real machine: the end of the slice copies them out again.");
        w.Line("WorldSwitch.ToReal(real.State.Registers, vm.State);");
        w.Line("allocator.LoadRealResources(vm);");
        w.Line("if (vm.IsHalted) return false;");
        if (hybrid) w.Line("if (vm.Cpu.IsSupervisor) return false; // the monitor interprets virtual supervisor code");
        w.Line("if (real.IsSupervisor) throw new InvalidOperationException($\"the allocator left the real machine in supervisor mode for {vm.Name}\");");
        w.Line("return true;");
        w.Close();
        w.Line();
        w.Line("/// <summary>Runs the instruction at the virtual program counter on the virtual state (its interpreter routine).</summary>");
        w.Open("public static void Interpret(VirtualMachine vm)");
        w.Line("var outcome = vm.Cpu.Step();");
        w.Line("if (outcome.Trap is { } trap) Reflect(vm, trap);");
        w.Line("else Statistics.Count(vm.Statistics.EmulatedByInstruction, outcome.Instruction ?? \"(undefined)\");");
        w.Close();
        w.Line();
        w.Line("/// <summary>The guest takes the trap: the spec's trap entry runs on the virtual state.</summary>");
        w.Open("public static void Reflect(VirtualMachine vm, GuestTrap trap)");
        w.Line("Statistics.Count(vm.Statistics.ReflectedByCause, trap.Exception.ToString());");
        w.Line("vm.Cpu.Deliver(trap);");
        w.Close();
        w.Line();
        var memtraps = model.Roles.MemoryTraps.Select(SemanticsContext.Exception).ToList();
        w.Line("/// <summary>The spec's memory traps (its `memtrap` role).</summary>");
        w.Line(memtraps.Count == 0
            ? "public static bool IsMemoryTrap(GuestException exception) => false;"
            : $"public static bool IsMemoryTrap(GuestException exception) => exception is {string.Join(" or ", memtraps)};");
        // The runtime's routing (Virtualizability.Vmm.Identity.ModeIndependentTraps): a trap raised after the instruction's
        // writes whatever the mode is the guest's own in any mode, and re-running the instruction would repeat them.
        var everyMode = Virtualizability.Vmm.Identity.ModeIndependentTraps.For(model).Select(SemanticsContext.Exception).Order(StringComparer.Ordinal).ToList();
        w.Line("/// <summary>Traps reflected in every virtual mode: raised after the instruction's writes, whatever the mode (s360's fixed-point overflow stores the sum first).</summary>");
        w.Line(everyMode.Count == 0
            ? "public static bool ReflectedInEveryMode(GuestException exception) => false;"
            : $"public static bool ReflectedInEveryMode(GuestException exception) => exception is {string.Join(" or ", everyMode)};");
        w.Close();
        return new GeneratedFile("Vmm/Dispatcher.cs", w.ToString());
    }

    private GeneratedFile Monitor()
    {
        var w = CodeWriter.File(ns, "Virtualizability.Execution");
        var memories = string.Join(", ", model.Memories.Select(m => m == model.Roles.Storage ? "ram" : "new UnbackedMemory()"));
        w.Summary("One virtual machine: its virtual CPU (the full virtual state) and its guest-physical RAM in machine memory.");
        w.Open("public sealed class VirtualMachine(string name, VirtualCpu cpu, GuestPhysicalMemory memory)");
        w.Line("public string Name { get; } = name;");
        w.Line("public VirtualCpu Cpu { get; } = cpu;");
        w.Line("public VirtualState State => Cpu.State;");
        w.Line("public GuestPhysicalMemory Memory { get; } = memory;");
        w.Line("public Statistics Statistics { get; } = new();");
        w.Line("public bool IsHalted => Cpu.IsHalted;");
        w.Close();
        w.Line();
        w.Summary("""
            The control program ⟨dispatcher, allocator, interpreters⟩ over one real machine (the executable model). Guests
            run in real user mode on the real machine's compiled run loop; only traps enter the dispatcher. VMs share the
            real machine in round-robin slices counted in guest instructions.
            """);
        w.Open("public sealed class Monitor(Allocator allocator)");
        w.Line("private readonly List<VirtualMachine> _machines = [];");
        w.Line();
        w.Line("public Machine Real => allocator.Real;");
        w.Line("public Dispatcher Dispatcher { get; } = new(allocator);");
        w.Line("public IReadOnlyList<VirtualMachine> Machines => _machines;");
        w.Line();
        w.Line("/// <summary>A VM with ramSize cells of guest-physical RAM and, beyond it, devices; its CPU is reset.</summary>");
        w.Open("public VirtualMachine CreateVirtualMachine(string name, ulong ramSize, IGuestDevice? devices)");
        w.Line("var ram = allocator.Allocate(ramSize, devices);");
        w.Line($"var vm = new VirtualMachine(name, new VirtualCpu(new VirtualState({memories})), ram);");
        w.Line("vm.Cpu.Reset();");
        w.Line("_machines.Add(vm);");
        w.Line("return vm;");
        w.Close();
        w.Line();
        w.Line("/// <summary>Runs every VM until it halts or has run maxInstructionsPerVm guest instructions.</summary>");
        w.Open("public void Run(long maxInstructionsPerVm, long timeSlice)");
        w.Line("bool any;");
        w.Open("do");
        w.Line("any = false;");
        w.Open("foreach (var vm in _machines)");
        w.Line("var remaining = maxInstructionsPerVm - vm.Statistics.GuestInstructions;");
        w.Line("if (vm.IsHalted || remaining <= 0) continue;");
        w.Line("any = true;");
        w.Line("RunSlice(vm, Math.Min(timeSlice, remaining));");
        w.Close();
        w.Close("");
        w.Line("while (any);");
        w.Close();
        w.Line();
        w.Line("/// <summary>One slice: switch in, run directly until the slice ends or the VM halts, switch out.</summary>");
        w.Open("private void RunSlice(VirtualMachine vm, long steps)");
        if (hybrid)
        {
            w.Open("if (vm.Cpu.IsSupervisor)");
            w.Line("// Hybrid VMM: virtual supervisor code is interpreted entirely, one instruction at a time.");
            w.Open("for (long i = 0; i < steps && vm.Cpu.IsSupervisor && !vm.IsHalted; i++)");
            w.Line("Dispatcher.Interpret(vm);");
            w.Line("vm.Statistics.InterpretedSteps++;");
            w.Line("vm.Statistics.GuestInstructions++;");
            w.Close();
            w.Line("return;");
            w.Close();
        }
        w.Line("WorldSwitch.ToReal(Real.State.Registers, vm.State);");
        w.Line("allocator.LoadRealResources(vm);");
        w.Line("if (Real.IsSupervisor) throw new InvalidOperationException($\"the allocator left the real machine in supervisor mode for {vm.Name}\");");
        w.Line("var retries = vm.Statistics.Retries;");
        w.Line("var result = Real.Run(steps, deliverTraps: false, onTrap: trap => Dispatcher.Dispatch(vm, trap));");
        w.Line("// HALT is privileged and the guest runs in real user mode: only a broken allocator lets the real machine halt.");
        w.Line("if (result.Reason == RunStopReason.Halted) throw new InvalidOperationException($\"the real machine halted while running {vm.Name}\");");
        w.Line("vm.Statistics.GuestInstructions += result.Steps - (vm.Statistics.Retries - retries);");
        w.Line("WorldSwitch.ToVirtual(Real.State.Registers, vm.State);");
        w.Line("allocator.SaveRealResources(vm);");
        w.Close();
        w.Close();
        var text = w.ToString().Replace("        }\n\n        while (any);", "        }\n        while (any);");
        return new GeneratedFile("Vmm/Monitor.cs", text);
    }

    private GeneratedFile Classification()
    {
        var w = CodeWriter.File(ns);
        var definition = classification.Definition.Name();
        string Verdict(Answer a) => a.IsYes ? "holds" : a.IsNo ? "fails" : "undecided";
        w.Summary($"""
            What `pgcheck check --definition {definition}` decided for {model.Name}, when this skeleton was generated.
            Theorem 1 (virtualizable): {Verdict(classification.Virtualizable)}; Theorem 3 (hybrid): {Verdict(classification.HybridVirtualizable)}.
            """);
        w.Open("public static class Classification");
        w.Line($"public const string Definition = {Names.Quote(definition)};");
        w.Line();
        List(w, "Privileged", "Trap in user mode, not in supervisor mode: their interpreter routines are under Interpreters/Privileged.", r => r.Privileged.IsYes);
        List(w, "Innocuous", "Run directly on the real machine (efficiency).", r => r.Innocuous.IsYes);
        List(w, "Theorem1Violations", "Sensitive and not privileged: only a hybrid VMM can run guests that use them in supervisor mode.", r => r.Violation.IsYes);
        List(w, "Undecided", "The checker could not decide these (timeouts): the skeleton was generated with --allow-undecided.", r => r.Violation.IsUnknown);
        w.Close();
        return new GeneratedFile("Vmm/Classification.cs", w.ToString());
    }

    private void List(CodeWriter w, string name, string summary, Func<InstructionResult, bool> predicate)
    {
        w.Line($"/// <summary>{summary}</summary>");
        var names = classification.Instructions.Where(predicate).Select(r => Names.Quote(r.Name));
        w.Line($"public static readonly string[] {name} = [{string.Join(", ", names)}];");
        w.Line();
    }
}
