using Virtualizability.Isa.Ir;

namespace Virtualizability.Vmm;

/// <summary>
/// A virtual machine's guest-physical RAM, cells [0, <see cref="Size"/>) of the spec's storage memory, placed in
/// machine memory by an allocator. Accesses given to it lie wholly inside; <see cref="GuestPhysicalBus"/> splits the rest.
/// </summary>
public interface IGuestRam
{
    /// <summary>The memory (the spec's storage role) this RAM stands for.</summary>
    MemoryDecl Memory { get; }

    /// <summary>Guest-physical cells available.</summary>
    ulong Size { get; }

    /// <summary>Reads <paramref name="cells"/> cells at guest-physical <paramref name="address"/>, joined in the memory's byte order.</summary>
    ulong Read(ulong address, int cells);

    void Write(ulong address, int cells, ulong value);

    /// <summary>The machine address of a guest-physical cell, so that tests and tools can check where guest memory lives.</summary>
    ulong MachineAddress(ulong address);
}
