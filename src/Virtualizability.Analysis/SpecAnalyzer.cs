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
        ProfileSummary.Begin();
        var unknown = options.Instructions.Where(n => model.Instruction(n) is null).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"{model.Name} has no instruction named {string.Join(", ", unknown)}");
        var selected = options.Instructions.Count == 0
            ? model.Instructions
            : [.. model.Instructions.Where(i => options.Instructions.Contains(i.Name))];

        // The roles are checked (two solver queries) only when an instruction has to be analysed: results served from
        // the cache were computed after the same check of the same model, and a warm run would otherwise pay for a
        // solver context it does not use. Workers that need it wait for the first one's answer.
        var roleProblem = new Lazy<InvalidSpecException?>(() =>
        {
            try { RoleSanity.Check(model, options); return null; }
            catch (InvalidSpecException e) { return e; }
        }, LazyThreadSafetyMode.ExecutionAndPublication);
        var isa = CompiledIsa.Compile(model);
        var layout = StateLayout.Of(model);
        var results = new ConcurrentDictionary<InstructionDecl, InstructionResult[]>();
        var done = 0;
        var cache = options.CacheDirectory is { } dir && options.EmitSmtDirectory is null && options.TamperWithClaim is null
            ? new ResultCache(dir) : null;
        var keys = cache is null ? null : new ResultCache.ModelKeys(model, options);
        // One instruction at a time to whichever worker is free. Parallel.ForEach over an array splits it into one range
        // per worker up front: riscv's six CSR instructions, the costly ones, sit at the end of the spec, and one worker
        // analysed them all, 19 s of wall time against the other worker's 6.5 s (x86-protected: 15 s against 4.5 s; on
        // mips32 one worker ended with a chunk of memory instructions, busy 40% longer than the other).
        var queue = Partitioner.Create(selected, EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(queue, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) }, instruction =>
        {
            using var busy = ProfileSummary.Time(Profiling.Enabled ? $"worker{Environment.CurrentManagedThreadId}" : "");
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
            if (roleProblem.Value is not null) return;
            var (cpu, wall) = (Profiling.ThreadCpuMs(), Profiling.Start());
            var analyzer = new InstructionAnalyzer(model, layout, instruction, replayer, options);
            var computed = analyzer.Analyze(options.Definitions);
            if (Profiling.Enabled)
                Profiling.Analyzed(instruction.Name, clock.Elapsed.TotalMilliseconds - Profiling.Ms(wall), Profiling.Ms(wall), Profiling.ThreadCpuMs() - cpu);
            results[instruction] = computed;
            if (cache is not null && keys is not null)
                for (var k = 0; k < computed.Length; k++) cache.Store(keys.For(instruction, options.Definitions[k]), computed[k]);
            options.Progress?.Invoke(Interlocked.Increment(ref done), selected.Length);
        });
        if (roleProblem.IsValueCreated && roleProblem.Value is { } problem) throw problem;

        var reports = options.Definitions.Select((definition, k) =>
        {
            // Spec order, so that reports are stable whatever order the workers finished in.
            var rows = selected.Select(i => results[i][k]).ToList();
            var virtualizable = All(rows.Select(r => r.Violation));
            var hybrid = All(rows.Select(r => r.HybridViolation));
            var recursive = Answer.And(virtualizable, All(rows.Select(r => r.RevealsTime)));
            return new DefinitionReport(definition, rows, virtualizable, recursive, hybrid);
        }).ToList();
        ProfileSummary.Print(model.Name, clock.Elapsed);
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
