using System.Globalization;
using System.Text;
using Virtualizability.Execution;
using Virtualizability.Vmm.Identity;

namespace Virtualizability.Vmm.Tests.Guests;

/// <summary>
/// A sample-board guest of tests/guests/&lt;spec&gt;/sample.hex (hex units after '#'-free text, loaded at the reset PC),
/// run bare and under the identity VMM with a byte console beyond RAM, as `pgcheck run GUEST --isa SPEC [--vmm]` does.
/// </summary>
public sealed class SampleBoardGuest(SpecFile spec, IReadOnlyList<ulong> units, ulong ram, ulong consoleAddress)
{
    public SampleBoardGuest(SpecFile spec, string hexFile, ulong ram, ulong consoleAddress) : this(spec, Parse(hexFile), ram, consoleAddress) { }

    public IReadOnlyList<ulong> Units { get; } = units;

    private int UnitCells => spec.Model.Encoding.Kind == Isa.Ir.EncodingKind.Fixed ? spec.Model.Encoding.Width / spec.Storage.CellWidth : 1;

    public (Machine Machine, string Console) RunBare(long steps)
    {
        var console = new PortConsole(consoleAddress);
        var machine = new Machine(spec.Isa, new MachineOptions { MemoryCells = Cells(ram), Bus = console });
        machine.Reset();
        var address = machine.State.GetRegister(spec.Model.Roles.ProgramCounter);
        foreach (var unit in Units)
        {
            machine.State.Memory(spec.Storage).Write(address, UnitCells, unit);
            address += (ulong)UnitCells;
        }
        machine.Run(steps);
        return (machine, console.Text);
    }

    public (VirtualMachineMonitor Monitor, VirtualMachine Vm, string Console) RunUnderVmm(long steps, long slice, ulong offset = IdentityAllocator.DefaultOffset, IResourceComposition? composition = null)
    {
        var console = new PortConsole(consoleAddress);
        var real = new Machine(spec.Isa, new MachineOptions { MemoryCells = Cells(ram), Bus = console });
        var monitor = new VirtualMachineMonitor(new IdentityAllocator(real, offset, composition));
        var vm = monitor.CreateVirtualMachine(ram, console);
        var address = vm.State.GetRegister(spec.Model.Roles.ProgramCounter);
        foreach (var unit in Units)
        {
            vm.WriteGuestPhysical(address, UnitCells, unit);
            address += (ulong)UnitCells;
        }
        monitor.Run(steps, slice);
        return (monitor, vm, console.Text);
    }

    /// <summary>Registers and RAM of the bare machine against the VM's virtual state and guest memory.</summary>
    public IReadOnlyList<string> Differences(Machine bare, VirtualMachine vm)
    {
        var differences = StateSnapshot.Capture(bare.State).Diff(StateSnapshot.Capture(vm.State)).Select(d => d.ToString()).ToList();
        var storage = bare.State.Memory(spec.Storage);
        for (ulong a = 0; a < ram && differences.Count < 32; a++)
            if (storage.ReadCell(a) != vm.ReadGuestPhysical(a, 1)) differences.Add($"E[0x{a:X}]: bare 0x{storage.ReadCell(a):X2}, vm 0x{vm.ReadGuestPhysical(a, 1):X2}");
        return differences;
    }

    private Dictionary<string, long> Cells(ulong count) => new() { [spec.Storage.Name] = (long)count };

    private static List<ulong> Parse(string relative)
    {
        var path = FindUp(relative);
        var units = new List<ulong>();
        foreach (var line in File.ReadLines(path))
        {
            var text = line.Split('#')[0];
            units.AddRange(text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(t => ulong.Parse(t, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
        }
        return units;
    }

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>The sample board's console: a byte stored at one address is printed.</summary>
    private sealed class PortConsole(ulong port) : IMemoryBus
    {
        private readonly StringBuilder _text = new();

        public string Text => _text.ToString();

        public ulong Read(int memoryIndex, ulong address, int cells) => 0;

        public void Write(int memoryIndex, ulong address, int cells, ulong value)
        {
            if (cells == 1 && address == port) _text.Append((char)value);
        }
    }
}
