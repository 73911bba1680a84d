using Virtualizability.Isa.Ir;
using Virtualizability.Skeletons.Emit;
using Virtualizability.Vmm;

namespace Virtualizability.Skeletons.Files;

/// <summary>
/// Vmm/WorldSwitch.cs: where each register lives in the executable model's state (its slot), and the copies of the
/// directly executed registers between the real machine and a VM. The split is the runtime's (RegisterPartition): a
/// register holding any part of the mode or the resources is virtualized, and one named only by fields keeps its other
/// bits direct (AArch64 PSTATE's NZCV beside EL); every other register is direct.
/// </summary>
internal static class WorldSwitchFile
{
    /// <summary>The runtime's split of the registers, with nothing virtualized beyond the mode and resource registers.</summary>
    private static RegisterPartition Partition(IsaModel model) => new(model, new HashSet<RegisterDecl>());

    public static HashSet<RegisterDecl> Virtualized(IsaModel model) => Partition(model).Virtualized.ToHashSet();

    /// <summary>The name of the constant holding a register's slot.</summary>
    public static string Slot(RegisterDecl register) => Names.Member(register.Name).TrimStart('@') + "Slot";

    public static GeneratedFile File(IsaModel model, string ns)
    {
        var partition = Partition(model);
        var virtualized = partition.Virtualized.ToHashSet();
        var w = CodeWriter.File(ns);
        w.Summary("""
            The register split and the world switch. Direct registers are copied between the real machine and the VM at
            every switch and every trap; virtualized ones (mode and resources) exist for the guest only in its
            VirtualState, and their real values are the allocator's.
            """);
        w.Open("public static class WorldSwitch");
        w.Line("// Slots of the executable model's flat register state (MachineState.Registers).");
        foreach (var register in model.Registers)
        {
            var kind = virtualized.Contains(register) ? "virtualized" : "direct";
            w.Line($"public const int {Slot(register)} = {register.Slot}; // {kind}{(register.IsFile ? $", {register.Count} entries" : "")}");
        }
        w.Line();
        w.Line("public static readonly string[] DirectRegisters = [" + string.Join(", ", model.Registers.Where(r => !virtualized.Contains(r)).Select(r => Names.Quote(r.Name))) + "];");
        w.Line();
        w.Line("public static readonly string[] VirtualizedRegisters = [" + string.Join(", ", model.Registers.Where(virtualized.Contains).Select(r => Names.Quote(r.Name))) + "];");
        w.Line();
        Copy(w, model, virtualized, partition.PartialSlots, "ToVirtual", "Copies the direct registers of the real machine into the VM (at a trap, at the end of a slice).", toReal: false);
        Copy(w, model, virtualized, partition.PartialSlots, "ToReal", "Copies the VM's direct registers into the real machine (before its code resumes).", toReal: true);
        w.Close();
        return new GeneratedFile("Vmm/WorldSwitch.cs", w.ToString());
    }

    private static void Copy(CodeWriter w, IsaModel model, HashSet<RegisterDecl> virtualized, IReadOnlyList<(int Slot, ulong DirectMask)> partial,
        string name, string summary, bool toReal)
    {
        w.Summary(summary);
        w.Open($"public static void {name}(ulong[] real, VirtualState vm)");
        foreach (var register in model.Registers.Where(r => !virtualized.Contains(r)))
        {
            var field = "vm." + Names.Member(register.Name);
            var slot = Slot(register);
            if (register.IsFile)
                w.Line(toReal ? $"Array.Copy({field}, 0, real, {slot}, {register.Count});" : $"Array.Copy(real, {slot}, {field}, 0, {register.Count});");
            else
                w.Line(toReal ? $"real[{slot}] = {field};" : $"{field} = real[{slot}];");
        }
        foreach (var register in model.Registers.Where(virtualized.Contains))
            foreach (var (slot, mask) in partial.Where(p => p.Slot >= register.Slot && p.Slot < register.Slot + register.Count))
            {
                var index = slot - register.Slot;
                var field = "vm." + Names.Member(register.Name) + (register.IsFile ? $"[{index}]" : "");
                var at = register.IsFile ? $"{Slot(register)} + {index}" : Slot(register);
                var m = Names.Hex(mask);
                w.Line(toReal ? $"real[{at}] = (real[{at}] & ~{m}) | ({field} & {m}); // the bits outside the role fields"
                    : $"{field} = ({field} & ~{m}) | (real[{at}] & {m}); // the bits outside the role fields");
            }
        w.Close();
        w.Line();
    }
}
