using Virtualizability.Analysis;
using Virtualizability.Proofs.Obligations;
using Virtualizability.Proofs.Solving;
using Virtualizability.Proofs.Symbolic;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Solving.Z3;

namespace Virtualizability.Proofs;

/// <summary>How to prove a spec's VMM obligations.</summary>
public sealed record ProofOptions
{
    public ISolverBackend Solver { get; init; } = new Z3InProcessBackend();

    /// <summary>The solver's name in the manifest (z3, z3-cli, cvc5).</summary>
    public string SolverName { get; init; } = "z3";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A limit on the whole run: once it is spent no further obligation is started (each is reported unknown, not
    /// attempted), and none is given more than what remains of it. Null: no limit but the per-obligation one.
    /// </summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>Where to write the obligation files and manifest.json; null writes them to a temporary directory that is removed.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Runs every written file through this solver too; a disagreement is reported.</summary>
    public FileRechecker? Recheck { get; init; }

    /// <summary>
    /// The recheck's limit per file; null: <see cref="Timeout"/>. A separate limit because the second solver is the
    /// slower one on some files (cvc5 on mips32's shift equivalences: 70–110 s where z3 needs 20–26 s) and its limit is
    /// wall-clock time, which load stretches, where the in-process z3's is CPU time.
    /// </summary>
    public TimeSpan? RecheckTimeout { get; init; }

    /// <summary>
    /// The definition whose innocuous instructions the efficiency obligation covers. Classic by default: under
    /// per-state an instruction that traps in every user state (SETR) is innocuous vacuously, yet it can never run
    /// directly, so its efficiency obligation would fail for a reason that is no fault of the VMM.
    /// </summary>
    public Definition Definition { get; init; } = Definition.Classic;

    /// <summary>Replaces the interpreter routines (tests break one on purpose).</summary>
    public InterpreterRoutine? Interpreter { get; init; }

    public int Parallelism { get; init; } = 2;

    /// <summary>
    /// When to split an obligation on encoding-field values (<see cref="EncodingFieldSplit"/>); null (the default) never
    /// splits: measured on the corpus, the parts' total solver time exceeds the whole obligation's (docs/vmm-proofs.md).
    /// </summary>
    public FieldSplitRule? FieldSplit { get; init; }

    /// <summary>
    /// When to split an equivalence obligation on the VMM step's outcomes (<see cref="OutcomeSplit"/>), for instructions
    /// the field split leaves whole; null (the default) never splits (docs/vmm-proofs.md, "Split on outcomes").
    /// </summary>
    public OutcomeSplitRule? OutcomeSplit { get; init; }

    /// <summary>Prove only these instructions (by name); null proves every instruction of the spec.</summary>
    public IReadOnlySet<string>? Instructions { get; init; }
}
