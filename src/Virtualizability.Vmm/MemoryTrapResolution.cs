namespace Virtualizability.Vmm;

/// <summary>What the allocator makes of a real memory trap.</summary>
public enum MemoryTrapResolution
{
    /// <summary>The guest's own virtual resources forbid the access: the guest takes the trap itself.</summary>
    Reflect,

    /// <summary>
    /// The access is valid in the virtual machine but the real resources cannot express it: the dispatcher runs the
    /// instruction through the interpreter on the virtual state, which reaches guest memory through the allocation.
    /// </summary>
    Emulate,

    /// <summary>The allocator has installed the missing real mapping; the instruction re-runs directly.</summary>
    Retry,
}
