namespace Virtualizability.Analysis;

/// <summary>The existential questions the checker asks of one word (docs/definitions.md, "The sets").</summary>
public enum PropertyKind
{
    /// <summary>A state without memory trap where the word does not trap in user mode, or traps in supervisor mode.</summary>
    NotPrivileged,
    ControlSensitive,
    ModeSensitive,
    LocationSensitive,
    /// <summary>Two user states that differ only in time state and give results that differ outside it.</summary>
    TimeDependent,
    /// <summary>Per-state, first conjunct fails: a user execution changes M or R (or halts).</summary>
    PerStateControl,
    /// <summary>Per-state, second conjunct fails: the execution differs from the one in the supervisor twin.</summary>
    PerStateMode,
    /// <summary>Per-state, third conjunct fails: the execution does not commute with the VM map.</summary>
    PerStateLocation,
}

/// <summary>The starting states a sensitivity question quantifies over.</summary>
public enum Domain { AllStates, UserStates }

public static class PropertyNames
{
    /// <summary>The name used in emitted SMT file names and reports.</summary>
    public static string Name(this PropertyKind kind) => kind switch
    {
        PropertyKind.NotPrivileged => "not-privileged",
        PropertyKind.ControlSensitive => "control-sensitive",
        PropertyKind.ModeSensitive => "mode-sensitive",
        PropertyKind.LocationSensitive => "location-sensitive",
        PropertyKind.TimeDependent => "time-dependent",
        PropertyKind.PerStateControl => "per-state-control",
        PropertyKind.PerStateMode => "per-state-mode",
        PropertyKind.PerStateLocation => "per-state-location",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Name(this Domain domain) => domain == Domain.AllStates ? "all-states" : "user-states";
}
