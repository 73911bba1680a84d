using System.Text;

namespace Virtualizability.Execution;

/// <summary>One register or file entry by name: "P", or "G[3]" for entry 3 of file G.</summary>
public sealed record RegisterValue(string Name, int Width, ulong Value)
{
    // CommonPrefixLength skips equal stretches vectorised, so comparing a 1 GiB memory stays fast.
    private static void AddCellDifferences<T>(string memory, ReadOnlySpan<T> left, ReadOnlySpan<T> right, int maxCells,
        List<StateDifference> differences, Func<T, ulong> widen)
        where T : IEquatable<T>
    {
        var count = Math.Min(left.Length, right.Length);
        var address = 0;
        for (var found = 0; found < maxCells; found++)
        {
            address += left[address..count].CommonPrefixLength(right[address..count]);
            if (address >= count) return;
            differences.Add(new StateDifference($"{memory}[0x{address:X}]", widen(left[address]), widen(right[address])));
            address++;
        }
    }

    public override string ToString() => $"{Name} = 0x{Value.ToString($"X{(Width + 3) / 4}")}";
}

/// <summary>A location (register name or "MEM[0xADDR]") whose value differs between two states.</summary>
public sealed record StateDifference(string Location, ulong Before, ulong After)
{
    // CommonPrefixLength skips equal stretches vectorised, so comparing a 1 GiB memory stays fast.
    private static void AddCellDifferences<T>(string memory, ReadOnlySpan<T> left, ReadOnlySpan<T> right, int maxCells,
        List<StateDifference> differences, Func<T, ulong> widen)
        where T : IEquatable<T>
    {
        var count = Math.Min(left.Length, right.Length);
        var address = 0;
        for (var found = 0; found < maxCells; found++)
        {
            address += left[address..count].CommonPrefixLength(right[address..count]);
            if (address >= count) return;
            differences.Add(new StateDifference($"{memory}[0x{address:X}]", widen(left[address]), widen(right[address])));
            address++;
        }
    }

    public override string ToString() => $"{Location}: 0x{Before:X} -> 0x{After:X}";
}

/// <summary>The registers of a state, named as the spec names them, for printing and comparison.</summary>
public sealed class StateSnapshot
{
    private readonly Dictionary<string, RegisterValue> _byName;

    private StateSnapshot(IReadOnlyList<RegisterValue> registers)
    {
        Registers = registers;
        _byName = registers.ToDictionary(r => r.Name);
    }

    public IReadOnlyList<RegisterValue> Registers { get; }

    public ulong this[string name] => _byName.TryGetValue(name, out var value) ? value.Value : throw new KeyNotFoundException($"no register {name}");

    public static StateSnapshot Capture(MachineState state)
    {
        var values = new List<RegisterValue>();
        foreach (var register in state.Model.Registers)
        {
            for (var i = 0; i < register.Count; i++)
            {
                var name = register.IsFile ? $"{register.Name}[{i}]" : register.Name;
                values.Add(new RegisterValue(name, register.Width, state.Registers[register.Slot + i]));
            }
        }
        return new StateSnapshot(values);
    }

    /// <summary>Registers whose values differ in <paramref name="after"/> (same model).</summary>
    public IReadOnlyList<StateDifference> Diff(StateSnapshot after) =>
        Registers
            .Where(r => after._byName.TryGetValue(r.Name, out var other) && other.Value != r.Value)
            .Select(r => new StateDifference(r.Name, r.Value, after[r.Name]))
            .ToList();

    /// <summary>
    /// Differences between two states of one model: registers, then memory cells (at most <paramref name="maxCells"/>
    /// per memory, in address order) of the backing arrays.
    /// </summary>
    public static IReadOnlyList<StateDifference> Compare(MachineState before, MachineState after, int maxCells = 64)
    {
        var differences = Capture(before).Diff(Capture(after)).ToList();
        for (var m = 0; m < before.Memories.Length; m++)
        {
            var (left, right) = (before.Memories[m], after.Memories[m]);
            if (left.IsByteBacked) AddCellDifferences(left.Declaration.Name, left.Bytes, right.Bytes, maxCells, differences, b => b);
            else AddCellDifferences(left.Declaration.Name, left.Words, right.Words, maxCells, differences, w => w);
        }
        return differences;
    }

    // CommonPrefixLength skips equal stretches vectorised, so comparing a 1 GiB memory stays fast.
    private static void AddCellDifferences<T>(string memory, ReadOnlySpan<T> left, ReadOnlySpan<T> right, int maxCells,
        List<StateDifference> differences, Func<T, ulong> widen)
        where T : IEquatable<T>
    {
        var count = Math.Min(left.Length, right.Length);
        var address = 0;
        for (var found = 0; found < maxCells; found++)
        {
            address += left[address..count].CommonPrefixLength(right[address..count]);
            if (address >= count) return;
            differences.Add(new StateDifference($"{memory}[0x{address:X}]", widen(left[address]), widen(right[address])));
            address++;
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var register in Registers) text.AppendLine(register.ToString());
        return text.ToString();
    }
}
