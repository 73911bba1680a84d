using Virtualizability.Analysis;
using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Allocation;

namespace Virtualizability.Proofs.Tests;

/// <summary>Runs `prove` as the CLI does (innocuous set from the checker), with the allocator or interpreter swapped when a test breaks one.</summary>
internal static class Provers
{
    private static readonly Dictionary<string, IReadOnlySet<string>> InnocuousCache = new();

    /// <summary>The instructions the checker calls innocuous and not privileged (<see cref="EfficiencyScope"/>) under the definition <see cref="ProofOptions"/> uses by default (classic).</summary>
    public static IReadOnlySet<string> Innocuous(IsaModel model)
    {
        lock (InnocuousCache)
        {
            if (InnocuousCache.TryGetValue(model.Name, out var cached)) return cached;
            var report = SpecAnalyzer.Check(model, new AnalysisOptions { Definitions = [new ProofOptions().Definition] });
            var set = EfficiencyScope.Of(report.Definitions[0]);
            InnocuousCache[model.Name] = set;
            return set;
        }
    }

    /// <summary>Options proving only these instructions, with a generous limit (a timeout is unknown and fails a test, never passes it).</summary>
    public static ProofOptions Only(params string[] names) => new() { Instructions = names.ToHashSet(), Timeout = TimeSpan.FromMinutes(10) };

    public static ProofReport Prove(IsaModel model, IAllocatorProofModel? allocator = null, ProofOptions? options = null, string label = "spec") =>
        VmmProver.Prove(model, allocator ?? VmmProver.AllocatorFor(model)!, Innocuous(model), options ?? new ProofOptions(), label);
}
