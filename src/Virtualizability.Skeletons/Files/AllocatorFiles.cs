using Virtualizability.Isa.Ir;
using Virtualizability.Skeletons.Emit;
using Virtualizability.Skeletons.Policies;

namespace Virtualizability.Skeletons.Files;

/// <summary>Vmm/Allocator.cs and Vmm/VmMap.cs: the allocator with its resource state, and the VM map f.</summary>
internal sealed class AllocatorFiles(IsaModel model, string ns, AllocatorPolicy policy)
{
    public IEnumerable<GeneratedFile> All() => policy.Kind == AllocatorKind.RelocationBounds
        ? [RelocationAllocator(), RelocationMap()]
        : [IdentityAllocator(), IdentityMap()];

    private string StorageName => model.Roles.Storage.Name;

    private void Common(CodeWriter w)
    {
        w.Line("/// <summary>What the allocator makes of a real memory trap.</summary>");
        w.Open("public enum MemoryTrapResolution");
        w.Line("/// <summary>The guest's own virtual resources forbid the access: the guest takes the trap.</summary>");
        w.Line("Reflect,");
        w.Line("/// <summary>The guest allows the access but the real resources cannot express it: interpret the instruction.</summary>");
        w.Line("Emulate,");
        w.Line("/// <summary>The allocator has installed the missing real mapping: the instruction runs again directly.</summary>");
        w.Line("Retry,");
        w.Close();
        w.Line();
    }

    private GeneratedFile RelocationAllocator()
    {
        var w = CodeWriter.File(ns, "Virtualizability.Execution");
        Common(w);
        var b = Names.Member(policy.Base!.Name);
        var bound = Names.Member(policy.Bound!.Name);
        var slotL = WorldSwitchFile.Slot(policy.Base);
        var slotB = WorldSwitchFile.Slot(policy.Bound);
        w.Summary($"""
            Popek and Goldberg's allocator A, relocation-bounds policy (the runtime's RelocationBoundsAllocator): it owns
            machine memory and the real resource state ({policy.Base.Name}, {policy.Bound.Name}). Each VM gets one region
            [Base, Base + Size) of machine memory above the real trap area, and the real R is the composition
            R_alloc ∘ R_virtual (VmMap.Compose). The real mode is always user.
            """);
        w.Open("public sealed class Allocator(Machine real)");
        w.Line("/// <summary>Machine cells below this stay the VMM's (the real trap PSW area).</summary>");
        w.Line("public const ulong Reserved = 0x100;");
        w.Line();
        w.Line($"private readonly MemoryStorage _machineMemory = real.State.Memory({Names.Quote(StorageName)});");
        w.Line("private ulong _next = Reserved;");
        w.Line();
        w.Line("public Machine Real { get; } = real;");
        w.Line();
        var space = model.Roles.Storage.AddressWidth >= 63 ? long.MaxValue : 1L << model.Roles.Storage.AddressWidth;
        w.Line("/// <summary>The real machine's memory for one VM of ramPerVm cells: the reserved cells and the VM's region.</summary>");
        w.Line($"public static long MachineMemoryCells(ulong ramPerVm) => (long)Math.Min({Names.Hex((ulong)space)}, Reserved + ramPerVm);");
        w.Line();
        w.Summary("Gives a new VM size cells of zeroed machine memory, the next free region.");
        w.Open("public GuestPhysicalMemory Allocate(ulong size, IGuestDevice? devices)");
        w.Line("if (size == 0 || size > (ulong)_machineMemory.CellCount - _next)");
        w.Line("    throw new InvalidOperationException($\"no free region of 0x{size:x} cells in machine memory of 0x{_machineMemory.CellCount:x} cells\");");
        w.Line("for (ulong a = 0; a < size; a++) _machineMemory.Write(_next + a, 1, 0);");
        w.Line("var ram = new GuestPhysicalMemory(_machineMemory, _next, size, devices);");
        w.Line("_next += size;");
        w.Line("return ram;");
        w.Close();
        w.Line();
        w.Summary("Sets the real resources for running the VM directly: R_real = R_alloc ∘ R_virtual, and the real mode user.");
        w.Open("public void LoadRealResources(VirtualMachine vm)");
        w.Line($"var (l, b) = VmMap.Compose(vm.State.{b}, vm.State.{bound}, vm.Memory.Base, vm.Memory.Size);");
        w.Line($"Real.State.Registers[WorldSwitch.{slotL}] = l;");
        w.Line($"Real.State.Registers[WorldSwitch.{slotB}] = b;");
        w.Line("Real.EnterUser();");
        w.Close();
        w.Line();
        w.Line("/// <summary>Nothing: the hardware never writes the relocation-bounds register by itself.</summary>");
        w.Open("public void SaveRealResources(VirtualMachine vm)");
        w.Close();
        w.Line();
        w.Summary("""
            A real memory trap: the guest's own when its virtual bound fails for an access of any size at the address (reflect);
            otherwise the access may be valid for the guest but beyond its RAM or wrapping: the interpreter judges (emulate).
            """);
        w.Open("public MemoryTrapResolution ResolveMemoryTrap(VirtualMachine vm, GuestTrap trap)");
        w.Line($"if (trap.Exception != {SemanticsContext.Exception(policy.Violation!)}) return MemoryTrapResolution.Emulate;");
        w.Line($"return VmMap.ReflectsMemoryTrap(trap.Arguments[0], vm.State.{bound}) ? MemoryTrapResolution.Reflect : MemoryTrapResolution.Emulate;");
        w.Close();
        w.Close();
        return new GeneratedFile("Vmm/Allocator.cs", w.ToString());
    }

    private GeneratedFile RelocationMap()
    {
        var w = CodeWriter.File(ns);
        var width = model.Roles.Storage.AddressWidth;
        w.Summary($"""
            The VM map f of the relocation-bounds allocator (docs/vmm-proofs.md): for a VM whose RAM is machine
            [base, base + size) and a virtual state v, f(v) has
              real {policy.Base!.Name} = base + v.{policy.Base.Name}                        (mod 2^{width})
              real {policy.Bound!.Name} = min(v.{policy.Bound.Name}, size - v.{policy.Base.Name})   if v.{policy.Base.Name} < size, else 0 (and real {policy.Base.Name} = base)
              real mode = user, machine memory[base + a] = v.{StorageName}[a] for a < size;
            every other register as in v. An access of n cells at a is then valid on the real machine exactly when
            a + n <= v.{policy.Bound.Name} and v.{policy.Base.Name} + a + n <= size, and it lands inside the region.
            """);
        w.Open("public static class VmMap");
        w.Line($"private const ulong AddressMask = {Names.Hex(width >= 64 ? ulong.MaxValue : (1UL << width) - 1)};");
        w.Line();
        w.Open("public static (ulong Base, ulong Bound) Compose(ulong virtualBase, ulong virtualBound, ulong allocationBase, ulong allocationSize)");
        w.Line("// The guest's whole window lies beyond its RAM: no access can be direct.");
        w.Line("if (allocationSize <= virtualBase) return (allocationBase, 0);");
        w.Line("return ((allocationBase + virtualBase) & AddressMask, Math.Min(virtualBound, allocationSize - virtualBase) & AddressMask);");
        w.Close();
        w.Line();
        w.Line("/// <summary>The guest's own bound fails for an access of any size at this address.</summary>");
        w.Line("public static bool ReflectsMemoryTrap(ulong address, ulong virtualBound) => virtualBound <= address;");
        w.Close();
        return new GeneratedFile("Vmm/VmMap.cs", w.ToString());
    }

    private GeneratedFile IdentityAllocator()
    {
        var w = CodeWriter.File(ns, "Virtualizability.Execution");
        Common(w);
        w.Summary($"""
            Popek and Goldberg's allocator A, identity policy: one VM owns all of machine memory at the same addresses,
            so the real resource state is the guest's own and only the real mode differs (always user). Correct for any
            virtualizable spec, but one VM only: to run several, or to keep memory for the VMM, replace it with an
            ISA-specific policy (a pmap and shadow translation, as Disco did for MIPS; `pgcheck run --vmm` has one).
            """);
        w.Open("public sealed class Allocator(Machine real)");
        w.Line($"private readonly MemoryStorage _machineMemory = real.State.Memory({Names.Quote(StorageName)});");
        w.Line("private bool _allocated;");
        w.Line();
        w.Line("public Machine Real { get; } = real;");
        w.Line();
        w.Line("/// <summary>The real machine's memory: exactly the one VM's RAM.</summary>");
        w.Line("public static long MachineMemoryCells(ulong ramPerVm) => (long)ramPerVm;");
        w.Line();
        w.Summary("Gives the (only) VM all of machine memory, guest-physical address = machine address.");
        w.Open("public GuestPhysicalMemory Allocate(ulong size, IGuestDevice? devices)");
        w.Line("if (_allocated) throw new InvalidOperationException(\"the identity allocator runs one VM\");");
        w.Line("if (size != (ulong)_machineMemory.CellCount) throw new InvalidOperationException($\"the VM must get all 0x{_machineMemory.CellCount:x} cells of machine memory\");");
        w.Line("_allocated = true;");
        w.Line("return new GuestPhysicalMemory(_machineMemory, 0, size, devices);");
        w.Close();
        w.Line();
        w.Line("/// <summary>The real virtualized registers are the VM's (f is the identity on them), then the real mode is set to user.</summary>");
        w.Open("public void LoadRealResources(VirtualMachine vm)");
        w.Line("VmMap.ToReal(vm.State, Real.State.Registers);");
        w.Line("Real.EnterUser();");
        w.Close();
        w.Line();
        w.Line("/// <summary>What the hardware wrote into the real resources while the guest ran directly (a timer's interrupt bits) is the guest's.</summary>");
        w.Open("public void SaveRealResources(VirtualMachine vm)");
        w.Line("VmMap.ResourcesToVirtual(Real.State.Registers, vm.State);");
        w.Close();
        w.Line();
        w.Summary("""
            A real memory trap in virtual user mode is the guest's own (same resources, same memory, same mode); in any other
            virtual mode the access may be one only that mode may make: the interpreter judges.
            """);
        w.Line("public MemoryTrapResolution ResolveMemoryTrap(VirtualMachine vm, GuestTrap trap) =>");
        w.Line("    vm.Cpu.IsUser ? MemoryTrapResolution.Reflect : MemoryTrapResolution.Emulate;");
        w.Close();
        return new GeneratedFile("Vmm/Allocator.cs", w.ToString());
    }

    private GeneratedFile IdentityMap()
    {
        var virtualized = WorldSwitchFile.Virtualized(model);
        var w = CodeWriter.File(ns);
        w.Summary("""
            The VM map f of the identity allocator: f(v) is v with the real mode set by the spec's `enter user` block.
            Memory and every resource register are the guest's own, at the same addresses.
            """);
        w.Open("public static class VmMap");
        w.Line("/// <summary>The virtualized registers (mode and resources) of the VM into the real machine, unchanged.</summary>");
        w.Open("public static void ToReal(VirtualState vm, ulong[] real)");
        foreach (var register in model.Registers.Where(virtualized.Contains))
        {
            var field = "vm." + Names.Member(register.Name);
            var slot = "WorldSwitch." + WorldSwitchFile.Slot(register);
            w.Line(register.IsFile ? $"Array.Copy({field}, 0, real, {slot}, {register.Count});" : $"real[{slot}] = {field};");
        }
        w.Close();
        w.Line();
        w.Line("/// <summary>The resource state (not the mode) of the real machine into the VM.</summary>");
        w.Open("public static void ResourcesToVirtual(ulong[] real, VirtualState vm)");
        foreach (var resource in model.Roles.Resources)
        {
            var register = resource.Register;
            var field = "vm." + Names.Member(register.Name);
            var slot = "WorldSwitch." + WorldSwitchFile.Slot(register);
            var indices = resource.Index is { } i ? [i] : register.IsFile ? Enumerable.Range(0, register.Count).ToArray() : [-1];
            foreach (var index in indices)
            {
                var target = index < 0 ? field : $"{field}[{index}]";
                var source = index < 0 ? $"real[{slot}]" : $"real[{slot} + {index}]";
                if (resource.Field is { } f)
                {
                    var mask = Names.Hex(((f.Width >= 64 ? ulong.MaxValue : (1UL << f.Width) - 1)) << f.Low);
                    w.Line($"{target} = ({target} & ~{mask}) | ({source} & {mask}); // {resource}");
                }
                else w.Line($"{target} = {source}; // {resource}");
            }
        }
        w.Close();
        w.Close();
        return new GeneratedFile("Vmm/VmMap.cs", w.ToString());
    }
}
