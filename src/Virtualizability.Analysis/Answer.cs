using Virtualizability.Analysis.Replay;
using Virtualizability.Analysis.Witnesses;

namespace Virtualizability.Analysis;

public enum Verdict { Yes, No, Unknown }

/// <summary>
/// A tri-state answer. Yes and No are proofs (an unsat query, or a sat one whose witness was replayed);
/// Unknown carries the solver's reason (timeout, incompleteness) and is never turned into a verdict.
/// </summary>
public sealed record Answer(Verdict Verdict, Witness? Witness = null, string? Reason = null)
{
    /// <summary>For a violation: the not-privileged witness of the same word (<see cref="Witness"/> is its sensitivity).</summary>
    public Witness? SecondWitness { get; init; }

    /// <summary>The concrete claim <see cref="Witness"/> was replayed from (what the result cache stores and replays again).</summary>
    public ConcreteClaim? Claim { get; init; }

    /// <summary>The claim of <see cref="SecondWitness"/>.</summary>
    public ConcreteClaim? SecondClaim { get; init; }

    public static Answer Yes(Witness? witness = null) => new(Verdict.Yes, witness);
    public static Answer No(Witness? witness = null) => new(Verdict.No, witness);
    public static Answer Unknown(string reason) => new(Verdict.Unknown, null, reason);

    public bool IsYes => Verdict == Verdict.Yes;
    public bool IsNo => Verdict == Verdict.No;
    public bool IsUnknown => Verdict == Verdict.Unknown;

    /// <summary>true / false / null, as the JSON report writes it.</summary>
    public bool? AsBool => Verdict switch { Verdict.Yes => true, Verdict.No => false, _ => null };

    /// <summary>Kleene disjunction: yes if either is yes, no if both are no, otherwise unknown.</summary>
    public static Answer Or(Answer a, Answer b) =>
        a.IsYes ? a : b.IsYes ? b : a.IsNo && b.IsNo ? No() : Unknown(a.Reason ?? b.Reason ?? "unknown");

    /// <summary>Kleene conjunction: no if either is no, yes if both are yes, otherwise unknown.</summary>
    public static Answer And(Answer a, Answer b) =>
        a.IsNo ? a : b.IsNo ? b : a.IsYes && b.IsYes ? Yes() : Unknown(a.Reason ?? b.Reason ?? "unknown");

    public Answer Negate() => Verdict switch
    {
        Verdict.Yes => this with { Verdict = Verdict.No },
        Verdict.No => this with { Verdict = Verdict.Yes },
        _ => this,
    };
}
