namespace Virtualizability.Analysis;

/// <summary>Which Popek–Goldberg sets the checker decides (docs/definitions.md, "The three definitions").</summary>
public enum Definition
{
    /// <summary>The 1974 sets as written: sensitivity over all states.</summary>
    Classic,
    /// <summary>Sensitivity judged only on executions in user mode (the paper's footnote).</summary>
    User,
    /// <summary>The exact trap-and-emulate condition, user state by user state.</summary>
    PerState,
}

public static class Definitions
{
    public static readonly IReadOnlyList<Definition> All = [Definition.Classic, Definition.User, Definition.PerState];

    /// <summary>The name used on the command line and in reports.</summary>
    public static string Name(this Definition d) => d switch
    {
        Definition.Classic => "classic",
        Definition.User => "user",
        Definition.PerState => "per-state",
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    public static Definition? Parse(string name) => All.Cast<Definition?>().FirstOrDefault(d => d!.Value.Name() == name);
}
