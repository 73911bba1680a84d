using Virtualizability.Isa.Ir;

namespace Virtualizability.Execution;

/// <summary>
/// The whole architectural state as flat arrays: one 64-bit slot per register (file entry), laid out by
/// <see cref="RegisterDecl.Slot"/>, and one <see cref="MemoryStorage"/> per memory. The arrays are never
/// replaced, so compiled code and the VMM may hold on to them; copying state copies contents.
/// Hardwired entries always hold their constant (set here and on reset; writes to them are ignored),
/// which lets compiled reads skip the hardwired check.
/// </summary>
public sealed class MachineState
{
    public MachineState(IsaModel model, MachineOptions? options = null)
    {
        Model = model;
        Options = options ?? MachineOptions.Default;
        Registers = new ulong[model.StateSlots];
        Memories = new MemoryStorage[model.Memories.Length];
        // The per-memory limit alone let a spec with a hundred 64-bit memories ask for a hundred gigabytes (exec ended
        // in OutOfMemoryException). The total is capped as well; small memories are backed first, so a big one
        // cannot starve an I/O port space, and what a later memory does not get belongs to the bus.
        var budget = Options.TotalMemoryLimitBytes ?? (Options.DefaultMemoryLimitBytes > long.MaxValue / 2 ? long.MaxValue : 2 * Options.DefaultMemoryLimitBytes);
        foreach (var m in model.Memories.OrderBy(m => m.AddressWidth).ThenBy(m => m.Index))
        {
            var bytesPerCell = m.CellWidth <= 8 ? 1 : 8;
            var cells = BackingCells(m, Options);
            if (!Options.MemoryCells.ContainsKey(m.Name)) cells = Math.Min(cells, Math.Max(0, budget) / bytesPerCell);
            budget -= cells * bytesPerCell;
            Memories[m.Index] = new MemoryStorage(m, cells, Options.Bus);
        }
        RestoreHardwired();
    }

    private MachineState(MachineState source)
    {
        Model = source.Model;
        Options = source.Options;
        Registers = (ulong[])source.Registers.Clone();
        Memories = source.Memories.Select(m => new MemoryStorage(m.Declaration, m.CellCount, m.Bus)).ToArray();
        for (var i = 0; i < Memories.Length; i++) Memories[i].CopyFrom(source.Memories[i]);
    }

    public IsaModel Model { get; }

    public MachineOptions Options { get; }

    public ulong[] Registers { get; }

    /// <summary>Indexed by <see cref="MemoryDecl.Index"/>.</summary>
    public MemoryStorage[] Memories { get; }

    public MemoryStorage Memory(MemoryDecl memory) => Memories[memory.Index];

    public MemoryStorage Memory(string name) =>
        Memories.FirstOrDefault(m => m.Declaration.Name == name) ?? throw new ArgumentException($"no memory named {name}", nameof(name));

    /// <summary>Reads a register or file entry; out-of-range entries read 0, as in the language.</summary>
    public ulong GetRegister(RegisterDecl register, int index = 0) =>
        index >= 0 && index < register.Count ? Registers[register.Slot + index] : 0;

    public ulong GetRegister(string name, int index = 0) => GetRegister(RegisterNamed(name), index);

    /// <summary>Writes a register or file entry, masked to its width; hardwired and out-of-range entries ignore the write.</summary>
    public void SetRegister(RegisterDecl register, int index, ulong value)
    {
        if (index < 0 || index >= register.Count || IsHardwired(register, index)) return;
        Registers[register.Slot + index] = value & register.Type.Mask;
    }

    // A loop, not LINQ: the VMM's world switch and the allocators write registers on every trap.
    private static bool IsHardwired(RegisterDecl register, int index)
    {
        foreach (var entry in register.Hardwired)
            if (entry.Index == index) return true;
        return false;
    }

    public void SetRegister(RegisterDecl register, ulong value) => SetRegister(register, 0, value);

    public void SetRegister(string name, ulong value) => SetRegister(RegisterNamed(name), 0, value);

    public void SetRegister(string name, int index, ulong value) => SetRegister(RegisterNamed(name), index, value);

    public MachineState Clone() => new(this);

    /// <summary>Copies every register and memory cell of <paramref name="source"/> (same model and backing sizes) into this state.</summary>
    public void CopyFrom(MachineState source)
    {
        if (!ReferenceEquals(source.Model, Model)) throw new ArgumentException("states of different models", nameof(source));
        source.Registers.CopyTo(Registers, 0);
        for (var i = 0; i < Memories.Length; i++) Memories[i].CopyFrom(source.Memories[i]);
    }

    /// <summary>True when every register slot and every backed memory cell are equal.</summary>
    public bool ContentEquals(MachineState other) =>
        ReferenceEquals(other.Model, Model)
        && Registers.AsSpan().SequenceEqual(other.Registers)
        && Memories.Zip(other.Memories).All(p => p.First.ContentEquals(p.Second));

    /// <summary>Zeroes all registers (then restores hardwired entries); memory is left alone.</summary>
    public void ClearRegisters()
    {
        Array.Clear(Registers);
        RestoreHardwired();
    }

    private void RestoreHardwired()
    {
        foreach (var register in Model.Registers)
        foreach (var entry in register.Hardwired)
            if (entry.Index >= 0 && entry.Index < register.Count)
                Registers[register.Slot + entry.Index] = entry.Value & register.Type.Mask;
    }

    private RegisterDecl RegisterNamed(string name) => Model.Register(name) ?? throw new ArgumentException($"no register named {name}", nameof(name));

    private static long BackingCells(MemoryDecl memory, MachineOptions options)
    {
        var space = memory.AddressWidth >= 62 ? long.MaxValue : 1L << memory.AddressWidth;
        var bytesPerCell = memory.CellWidth <= 8 ? 1 : 8;
        var wanted = options.MemoryCells.TryGetValue(memory.Name, out var cells) ? cells : options.DefaultMemoryLimitBytes / bytesPerCell;
        // .NET arrays hold at most Array.MaxLength elements.
        return Math.Min(Math.Min(space, wanted), Array.MaxLength);
    }
}
