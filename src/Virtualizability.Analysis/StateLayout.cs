using System.Collections.Immutable;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Analysis;

/// <summary>
/// The spec's roles as bit masks over the flat register slots: which bits of each slot are mode state M,
/// resource state R and time T. Roles can name whole registers, file entries or fields, so a slot may be
/// partly mode (MIPS Status.UM) and partly ordinary state.
/// </summary>
public sealed class StateLayout
{
    private StateLayout(IsaModel model, ImmutableArray<ulong> mode, ImmutableArray<ulong> resource, ImmutableArray<ulong> time)
    {
        Model = model;
        Mode = mode;
        Resource = resource;
        Time = time;
        SlotNames = [.. Enumerable.Range(0, model.StateSlots).Select(i => NameOfSlot(model, i))];
        SlotWidths = [.. Enumerable.Range(0, model.StateSlots).Select(i => RegisterOfSlot(model, i).Width)];
    }

    public IsaModel Model { get; }
    public ImmutableArray<ulong> Mode { get; }
    public ImmutableArray<ulong> Resource { get; }
    public ImmutableArray<ulong> Time { get; }
    public ImmutableArray<string> SlotNames { get; }
    public ImmutableArray<int> SlotWidths { get; }

    public bool HasTime => Time.Any(m => m != 0);

    public static StateLayout Of(IsaModel model) =>
        new(model, Masks(model, model.Roles.ModeState), Masks(model, model.Roles.Resources), Masks(model, model.Roles.Time));

    public ulong FullMask(int slot) => SlotWidths[slot] >= 64 ? ulong.MaxValue : (1UL << SlotWidths[slot]) - 1;

    /// <summary>The bits of a slot that are not mode state: X(s) in the definitions.</summary>
    public ulong NonMode(int slot) => FullMask(slot) & ~Mode[slot];

    public ulong NonTime(int slot) => FullMask(slot) & ~Time[slot];

    private static ImmutableArray<ulong> Masks(IsaModel model, ImmutableArray<StateRef> refs)
    {
        var masks = new ulong[model.StateSlots];
        foreach (var r in refs)
        {
            var reg = r.Register;
            var bits = r.Field is { } f
                ? (f.Width >= 64 ? ulong.MaxValue : ((1UL << f.Width) - 1)) << f.Low
                : reg.Width >= 64 ? ulong.MaxValue : (1UL << reg.Width) - 1;
            var entries = r.Index is { } i ? [i] : Enumerable.Range(0, reg.Count);
            foreach (var e in entries) masks[reg.Slot + e] |= bits;
        }
        return [.. masks];
    }

    private static RegisterDecl RegisterOfSlot(IsaModel model, int slot) =>
        model.Registers.First(r => slot >= r.Slot && slot < r.Slot + r.Count);

    private static string NameOfSlot(IsaModel model, int slot)
    {
        var r = RegisterOfSlot(model, slot);
        return r.IsFile ? $"{r.Name}[{slot - r.Slot}]" : r.Name;
    }
}
