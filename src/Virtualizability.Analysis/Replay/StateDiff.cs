using Virtualizability.Analysis.Witnesses;

namespace Virtualizability.Analysis.Replay;

/// <summary>Concrete comparisons of replayed states under role masks, listing the components that differ.</summary>
internal static class StateDiff
{
    public static List<Difference> Registers(StateLayout layout, ulong[] a, ulong[] b, Func<int, ulong> mask)
    {
        var result = new List<Difference>();
        for (var i = 0; i < a.Length; i++)
        {
            var m = mask(i);
            if ((a[i] & m) != (b[i] & m))
                result.Add(new Difference(Label(layout, i, m), Hex(a[i] & m, layout.SlotWidths[i]), Hex(b[i] & m, layout.SlotWidths[i])));
        }
        return result;
    }

    public static List<Difference> Memories(StateLayout layout, SparseMemoryBus a, SparseMemoryBus b)
    {
        var result = new List<Difference>();
        foreach (var memory in layout.Model.Memories)
        {
            var i = memory.Index;
            foreach (var address in a.Addresses(i).Union(b.Addresses(i)).Order())
            {
                var (x, y) = (a.ReadCell(i, address), b.ReadCell(i, address));
                if (x != y) result.Add(new Difference($"{memory.Name}[{Hex(address, memory.AddressWidth)}]", Hex(x, memory.CellWidth), Hex(y, memory.CellWidth)));
            }
            // Cells neither map names hold the defaults; they differ everywhere else when the defaults do.
            if (a.Default(i) != b.Default(i))
                result.Add(new Difference($"{memory.Name}[every other address]", Hex(a.Default(i), memory.CellWidth), Hex(b.Default(i), memory.CellWidth)));
        }
        return result;
    }

    public static string Label(StateLayout layout, int slot, ulong mask) =>
        mask == layout.FullMask(slot) ? layout.SlotNames[slot] : $"{layout.SlotNames[slot]} & {Hex(mask, layout.SlotWidths[slot])}";

    public static string Hex(ulong value, int width) => "0x" + value.ToString("x").PadLeft((width + 3) / 4, '0');
}
