using System.Collections.Concurrent;
using System.Diagnostics;
using Virtualizability.Analysis.Caching;
using Virtualizability.Analysis.Replay;
using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Analysis;

/// <summary>Checks a whole spec: every (selected) instruction in parallel, then the theorems per definition.</summary>
public static class SpecAnalyzer
{
    public static SpecReport Check(IsaModel model, AnalysisOptions options)
    {
        var clock = Stopwatch.StartNew();
        var unknown = options.Instructions.Where(n => model.Instruction(n) is null).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"{model.Name} has no instruction named {string.Join(", ", unknown)}");
        var selected = options.Instructions.Count == 0
            ? model.Instructions
            : [.. model.Instructions.Where(i => options.Instructions.Contains(i.Name))];

        var isa = CompiledIsa.Compile(model);
        var layout = StateLayout.Of(model);
        var results = new ConcurrentDictionary<InstructionDecl, InstructionResult[]>();
        var done = 0;
        var cache = options.CacheDirectory is { } dir && options.EmitSmtDirectory is null && options.TamperWithClaim is null
            ? new ResultCache(dir) : null;
        var keys = cache is null ? null : new ResultCache.ModelKeys(model, options);
        Parallel.ForEach(selected, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) }, instruction =>
        {
            // The replayer holds no state between replays, but one per worker keeps compiled bodies' lazy init off the hot path.
            var replayer = new WitnessReplayer(isa);
            if (cache is not null && keys is not null)
            {
                var cached = options.Definitions.Select(d => cache.TryLoad(keys.For(instruction, d), instruction, replayer)).ToArray();
                if (cached.All(c => c is not null))
                {
                    results[instruction] = cached!;
                    options.Progress?.Invoke(Interlocked.Increment(ref done), selected.Length);
                    return;
                }
            }
            var (cpu, wall) = (Profiling.ThreadCpuMs(), Profiling.Start());
            var analyzer = new InstructionAnalyzer(model, layout, instruction, replayer, options);
            var computed = analyzer.Analyze(options.Definitions);
            // The whole instruction (formulas, queries, replays): what its queries' lines do not add up to is ours.
            Profiling.Solved(instruction.Name, "(the instruction in all)", Profiling.Ms(wall), Profiling.ThreadCpuMs() - cpu, "done");
            results[instruction] = computed;
            if (cache is not null && keys is not null)
                for (var k = 0; k < computed.Length; k++) cache.Store(keys.For(instruction, options.Definitions[k]), computed[k]);
            options.Progress?.Invoke(Interlocked.Increment(ref done), selected.Length);
        });

        var reports = options.Definitions.Select((definition, k) =>
        {
            // Spec order, so that reports are stable whatever order the workers finished in.
            var rows = selected.Select(i => results[i][k]).ToList();
            var virtualizable = All(rows.Select(r => r.Violation));
            var hybrid = All(rows.Select(r => r.HybridViolation));
            var recursive = Answer.And(virtualizable, All(rows.Select(r => r.RevealsTime)));
            return new DefinitionReport(definition, rows, virtualizable, recursive, hybrid);
        }).ToList();
        return new SpecReport(model, reports, clock.Elapsed);
    }

    // "No instruction has the bad property": yes when every answer is no, no when one is yes, else unknown.
    private static Answer All(IEnumerable<Answer> bad)
    {
        var list = bad.ToList();
        if (list.Any(a => a.IsYes)) return Answer.No();
        if (list.All(a => a.IsNo)) return Answer.Yes();
        return Answer.Unknown(list.First(a => a.IsUnknown).Reason ?? "unknown");
    }
}
