using Virtualizability.Execution;

namespace Virtualizability.Vmm;

/// <summary>
/// Resource control, checked rather than assumed: guest code never runs with the real machine in supervisor mode.
/// An allocator that broke this would hand the guest the real machine, so the VMM stops instead.
/// </summary>
public static class RealModeGuard
{
    public static void EnsureUser(Machine real, VirtualMachine vm)
    {
        if (real.IsSupervisor)
            throw new VmmInvariantException($"the allocator left the real machine in supervisor mode for {vm.Name}");
    }
}

/// <summary>A broken invariant of the control program itself (never a guest's doing).</summary>
public sealed class VmmInvariantException(string message) : Exception(message);
