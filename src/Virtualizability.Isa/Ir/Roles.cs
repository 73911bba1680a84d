using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Isa.Ir;

/// <summary>
/// A piece of state named in a role: a whole register (file), one entry of a file, or a field of a register.
/// </summary>
public sealed record StateRef(RegisterDecl Register, int? Index, RegisterField? Field, SourceSpan Span)
{
    public override string ToString() =>
        Register.Name + (Index is { } i ? $"[{i}]" : "") + (Field is { } f ? "." + f.Name : "");
}

/// <summary>
/// Popek and Goldberg's view of the machine, declared by the spec:
/// S = ⟨E, M, P, R⟩ plus the state that advances with time.
/// </summary>
public sealed record Roles(
    /// <summary>The program counter P.</summary>
    RegisterDecl ProgramCounter,
    /// <summary>Executable storage E.</summary>
    MemoryDecl Storage,
    /// <summary>The state that holds the mode M (control state).</summary>
    ImmutableArray<StateRef> ModeState,
    /// <summary>A boolean predicate over state: true in the states that count as supervisor mode.</summary>
    Expr Supervisor,
    /// <summary>Puts the machine in user mode (used to start programs and by the VMM, which runs guests in user mode).</summary>
    Block EnterUser,
    /// <summary>Puts the machine in supervisor mode.</summary>
    Block EnterSupervisor,
    /// <summary>The control/resource state R: relocation-bounds, TLB, segment registers, CP0 ...</summary>
    ImmutableArray<StateRef> Resources,
    /// <summary>State that advances with time (timers, cycle counters): a VMM depending on it has timing dependencies.</summary>
    ImmutableArray<StateRef> Time)
{
    /// <summary>
    /// The exceptions that are Popek and Goldberg's memory traps (an address outside R, a TLB miss ...): executions
    /// that raise them are left out of the privilege condition.
    /// </summary>
    public ImmutableArray<ExceptionDecl> MemoryTraps { get; init; } = ImmutableArray<ExceptionDecl>.Empty;
}

/// <summary>
/// The VM map used for location-sensitivity: relocating the machine by <see cref="Offset"/> applies
/// <see cref="Body"/> to the resource state and moves storage so that new E[a + d] = old E[a], where d is <see cref="MoveBy"/> (an expression of the offset).
/// </summary>
public sealed record VmMap(string Name, Local Offset, Block Body, MemoryDecl MovedStorage, Expr MoveBy, SourceSpan Span);
