using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Virtualizability.Execution.Compilation;

/// <summary>
/// Register-slot access for compiled code, without the array bounds check: the emitter only passes slots of the
/// model (see SemanticsEmitter.ReadSlot), and the array is the state's, sized for every slot. Inlined by the JIT.
/// </summary>
public static class RegisterAccess
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load(ulong[] registers, int slot, ulong index) =>
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(registers), (nint)slot + (nint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ulong[] registers, int slot, ulong index, ulong value) =>
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(registers), (nint)slot + (nint)index) = value;
}
