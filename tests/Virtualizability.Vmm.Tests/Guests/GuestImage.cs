using Virtualizability.Execution;

namespace Virtualizability.Vmm.Tests.Guests;

/// <summary>A guest-physical memory image: 32-bit words at addresses, loadable bare or into a VM.</summary>
public sealed class GuestImage(IReadOnlyList<(ulong Address, ulong Word)> words)
{
    public IReadOnlyList<(ulong Address, ulong Word)> Words { get; } = words;

    public static GuestImage Of(params IEnumerable<(ulong Address, ulong Word)>[] parts) => new(parts.SelectMany(p => p).ToList());

    public void LoadInto(MemoryStorage bareStorage)
    {
        foreach (var (address, word) in Words) bareStorage.Write(address, 4, word);
    }

    public void LoadInto(VirtualMachine vm)
    {
        foreach (var (address, word) in Words) vm.WriteGuestPhysical(address, 4, word);
    }
}
