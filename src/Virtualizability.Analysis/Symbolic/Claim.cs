using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Analysis.Symbolic;

/// <summary>
/// One existential property of a word as a formula over a fresh start state (and, for location-sensitivity, an
/// offset; for time-dependence, a second state). A model of <see cref="Holds"/> gives the concrete start that the
/// replay re-runs.
/// </summary>
public sealed record Claim(PropertyKind Kind, Domain Domain, Term Holds, SymbolicState Start, Term? Offset = null, SymbolicState? Other = null);
