using System.Globalization;
using Virtualizability.Analysis;
using Virtualizability.Analysis.Caching;
using Virtualizability.Cli.Exec;
using Virtualizability.Execution;
using Virtualizability.Isa.Ir;
using Virtualizability.Machines;
using Virtualizability.Skeletons;
using Virtualizability.Vmm;
using Virtualizability.Vmm.Identity;
using Virtualizability.Vmm.PgMachine;

namespace Virtualizability.Cli.Commands;

/// <summary>
/// `pgcheck run GUEST --isa SPEC [--vmm]` for a guest that is not an ELF: a program image (hex words, as `pgcheck exec`
/// reads) on the sample board (<see cref="SampleBoard"/>), bare or under the runtime's VMM (pg-machine: the
/// relocation-bounds allocator; s360, riscv: the identity allocator). A generated skeleton's Program.cs prints the same for the same guest.
/// Exit 0 when the guest halts, 4 when it does not within --max-instructions.
/// </summary>
internal static class ImageRun
{
    private const long TimeSlice = 100_000;

    /// <param name="sets">`--set` assignments applied after reset (the entry state: a spec whose reset PC lies outside
    /// the board's RAM, such as MIPS's 0xbfc00000, starts where the image is put).</param>
    /// <param name="loadText">`--load`: the guest-physical address of the image; default the PC after reset and the sets.</param>
    public static int Run(IsaModel model, string guestPath, string? memoryText, long maxInstructions, bool vmm, bool stats,
        string? consoleText = null, IReadOnlyList<string>? sets = null, string? loadText = null)
    {
        var image = ProgramImage.Parse(guestPath, model);
        var assignments = (sets ?? []).Select(text => StateAssignment.Parse(text, model)).ToList();
        var storage = model.Roles.Storage;
        var ram = memoryText is null ? SampleBoard.DefaultRam(storage)
            : (ulong)(MemorySize.TryParse(memoryText, out var error) ?? throw new UsageException($"--memory: {error}"));
        var console = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
        var consoleAddress = consoleText is null ? SampleBoard.ConsoleAddress(storage) : ParseAddress(consoleText, storage);
        var port = new ConsolePort(storage, consoleAddress, console);
        if (ram == 0 || ram > consoleAddress) throw new UsageException($"--memory: the RAM must end below the console at 0x{consoleAddress:x}");
        var cells = image.UnitWidth / storage.CellWidth;
        if (cells is not (1 or 2 or 4 or 8) || image.UnitWidth % storage.CellWidth != 0)
            throw new UsageException($"words of {image.UnitWidth} bits do not split into 1, 2, 4 or 8 cells of {storage.CellWidth} bits");
        // Before compiling the machine: a refused spec runs nothing.
        if (vmm && RefusedByChecker(model) is { } refused) return refused;
        var isa = CompiledIsa.Compile(model);

        MachineState final;
        bool halted;
        if (vmm)
        {
            var allocator = VmmAllocator(model, isa, ram, port);
            var monitor = new VirtualMachineMonitor(allocator);
            var vm = monitor.CreateVirtualMachine(ram, port, "vm0");
            foreach (var assignment in assignments) assignment.Apply(vm.State);
            var address = LoadAddress(model, vm.State, loadText, image, cells, ram);
            foreach (var unit in image.Units)
            {
                vm.WriteGuestPhysical(address, cells, unit);
                address += (ulong)cells;
            }
            var statistics = monitor.Run(maxInstructions, TimeSlice);
            console.Flush();
            if (stats) PrintStats(statistics);
            final = vm.State;
            halted = vm.IsHalted;
        }
        else
        {
            var machine = new Machine(isa, new MachineOptions { MemoryCells = new Dictionary<string, long> { [storage.Name] = (long)ram }, Bus = port });
            machine.Reset();
            foreach (var assignment in assignments) assignment.Apply(machine.State);
            var address = LoadAddress(model, machine.State, loadText, image, cells, ram);
            foreach (var unit in image.Units)
            {
                machine.State.Memory(storage).Write(address, cells, unit);
                address += (ulong)cells;
            }
            var result = machine.Run(maxInstructions);
            console.Flush();
            if (stats) Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"instructions executed: {result.Steps}; traps: {result.Traps}"));
            final = machine.State;
            halted = machine.IsHalted;
        }
        if (!halted)
        {
            Console.Error.WriteLine($"pgcheck: the guest did not halt within {maxInstructions} instructions (--max-instructions)");
            return ExitCodes.GuestUnfinished;
        }
        Console.Out.WriteLine(SampleBoard.HaltedPrefix + Describe(final));
        return ExitCodes.Success;
    }

    /// <summary>
    /// Where the image goes: `--load`, else the program counter (after reset and `--set`) read as a guest-physical
    /// address. An image that does not lie wholly in RAM is refused: loaded there it would be lost (cells beyond RAM
    /// read as zero), and the guest would run whatever it finds.
    /// </summary>
    private static ulong LoadAddress(IsaModel model, MachineState state, string? loadText, ProgramImage image, int cells, ulong ram)
    {
        var pc = state.GetRegister(model.Roles.ProgramCounter);
        var address = loadText is null ? pc : ParseAddress(loadText, model.Roles.Storage, "--load");
        var length = (ulong)image.Units.Count * (ulong)cells;
        if (address >= ram || length > ram - address)
        {
            var from = loadText is null ? $"{model.Roles.ProgramCounter.Name} after reset and --set" : "--load";
            throw new UsageException(
                $"the image ({length} cells) at guest-physical 0x{address:x} ({from}) does not fit in RAM (0x0..0x{ram - 1:x}); "
                + "give --load ADDR, where in RAM to put it, and --set REG=VALUE for the registers that make the guest start "
                + "there (docs/vmm-generate.md, \"The sample board\")");
        }
        return address;
    }

    /// <summary>
    /// The trap-and-emulate VMM is equivalent to the bare machine only when Theorem 1 holds: under a spec that fails it
    /// (the MC68000's MOVE from SR) the guest runs and silently computes something else. So `--vmm` asks the checker
    /// (per-state, through its result cache) first and refuses as `pgcheck vmm generate` does: exit 2 with the
    /// violations, 3 when undecided. Null when the VMM may run.
    /// </summary>
    private static int? RefusedByChecker(IsaModel model)
    {
        var report = SpecAnalyzer.Check(model, new AnalysisOptions
        {
            Definitions = [Definition.PerState],
            CacheDirectory = ResultCache.DefaultDirectory(),
        });
        if (report.InternalErrors.Any()) return CheckCommand.ExitCode(report);
        var classification = report.Definitions[0];
        try
        {
            SkeletonGenerator.CheckVirtualizable(classification, hybrid: false);
            return null;
        }
        catch (SkeletonRefusedException refusal)
        {
            Console.Error.WriteLine($"pgcheck: --vmm: {model.Name} is refused: {refusal.Message}");
            foreach (var violation in refusal.Violations) Console.Error.WriteLine($"  {violation}");
            Console.Error.WriteLine("pgcheck: the guest was not run (without --vmm it runs on the bare model; `pgcheck vmm generate --hybrid` writes a hybrid VMM when Theorem 3 holds)");
            return classification.Virtualizable.IsUnknown ? ExitCodes.Undecided : ExitCodes.PropertyFails;
        }
    }

    private static ulong ParseAddress(string text, MemoryDecl storage, string option = "--console")
    {
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (!ulong.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var address) || address > IrType.Bits(storage.AddressWidth).Mask)
            throw new UsageException($"{option}: '{text}' is not a hex address of {storage.Name}");
        return address;
    }

    /// <summary>
    /// The runtime's allocator for the spec: relocation-bounds (pg-machine: the VMM's reserved cells, then the one VM's
    /// region), else the identity policy (s360, riscv: the VM owns machine memory at the same addresses and the board's
    /// console beyond it, so the real machine's bus is the VM's devices).
    /// </summary>
    private static IAllocator VmmAllocator(IsaModel model, CompiledIsa isa, ulong ram, IMemoryBus console)
    {
        var storage = model.Roles.Storage;
        if (IdentityAllocator.Accepts(model))
        {
            var owner = new Machine(isa, new MachineOptions { MemoryCells = new Dictionary<string, long> { [storage.Name] = (long)ram }, Bus = console });
            return new IdentityAllocator(owner, IdentityAllocator.DefaultOffset);
        }
        var space = storage.AddressWidth >= 63 ? ulong.MaxValue : 1UL << storage.AddressWidth;
        var machineCells = (long)Math.Min(space, RelocationBoundsAllocator.DefaultReserved + ram);
        var real = new Machine(isa, new MachineOptions { MemoryCells = new Dictionary<string, long> { [storage.Name] = machineCells } });
        try
        {
            return new RelocationBoundsAllocator(real);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--vmm: the VMM runtime has no allocator policy for {model.Name} ({e.Message}); `pgcheck vmm generate` writes a VMM for it");
        }
    }

    /// <summary>Every register as NAME=0xVALUE in the spec's order, as a skeleton's VirtualState.Describe writes them.</summary>
    internal static string Describe(MachineState state)
    {
        var parts = new List<string>();
        foreach (var register in state.Model.Registers)
        {
            if (!register.IsFile)
            {
                parts.Add($"{register.Name}=0x{state.GetRegister(register):x}");
                continue;
            }
            for (var i = 0; i < register.Count; i++) parts.Add($"{register.Name}[{i}]=0x{state.GetRegister(register, i):x}");
        }
        return string.Join(" ", parts);
    }

    private static void PrintStats(VmmStatistics s)
    {
        var error = Console.Error;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"guest instructions: {s.GuestInstructions}"));
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"directly executed: {s.DirectlyExecuted} ({s.DirectFraction * 100:F3} %)"));
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"real traps: {s.Traps}"));
        foreach (var (name, count) in s.EmulatedByInstruction.OrderBy(p => p.Key, StringComparer.Ordinal))
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  emulated {name}: {count}"));
        foreach (var (name, count) in s.ReflectedByCause.OrderBy(p => p.Key, StringComparer.Ordinal))
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  reflected {name}: {count}"));
    }
}
