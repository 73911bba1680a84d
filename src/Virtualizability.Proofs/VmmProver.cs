using System.Collections.Concurrent;
using System.Diagnostics;
using Virtualizability.Analysis;
using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Allocation;
using Virtualizability.Proofs.Allocation.Mips;
using Virtualizability.Proofs.Obligations;
using Virtualizability.Proofs.Reports;
using Virtualizability.Proofs.Solving;
using Virtualizability.Proofs.Symbolic;
using Virtualizability.Smt.Solving;

namespace Virtualizability.Proofs;

/// <summary>
/// Proves the three obligations of the VMM the runtime builds for a spec, per instruction: builds each negation,
/// writes it as a self-contained SMT-LIB file, solves it, optionally rechecks the file with another solver, and writes
/// manifest.json.
/// </summary>
public static class VmmProver
{
    /// <summary>The allocator models the runtime has a policy for; null when the runtime builds no VMM for the spec.</summary>
    public static IAllocatorProofModel? AllocatorFor(IsaModel model) =>
        (IAllocatorProofModel?)RelocationBoundsProofModel.For(model) ?? MipsShadowProofModel.For(model);

    public static ProofReport Prove(IsaModel model, IAllocatorProofModel allocator, IReadOnlySet<string> innocuous, ProofOptions options, string specLabel)
    {
        var clock = Stopwatch.StartNew();
        var directory = options.OutputDirectory ?? Directory.CreateTempSubdirectory("pgcheck-prove-").FullName;
        Directory.CreateDirectory(directory);
        try
        {
            var jobs = Jobs(model, options);
            var builder = new ObligationBuilder(new SymbolicVmm(model, allocator, options.Interpreter));
            var results = new ConcurrentDictionary<int, ObligationResult>();
            Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) }, k =>
            {
                var (instruction, property) = jobs[k];
                results[k] = property == ObligationProperty.Efficiency && !innocuous.Contains(instruction.Name)
                    ? new ObligationResult(instruction.Name, property, null, ProofVerdict.NotApplicable, TimeSpan.Zero,
                        $"not innocuous under {options.Definition.Name()}: it runs under the VMM", null, null, null)
                    : Solve(Build(builder, instruction, property), model, allocator, options, directory);
            });
            var ordered = Enumerable.Range(0, jobs.Count).Select(k => results[k]).ToList();
            var report = new ProofReport(specLabel, SpecHash.Of(model), allocator.Description, ordered, clock.Elapsed);
            ProofManifest.Write(Path.Combine(directory, "manifest.json"), report, model, allocator, options);
            return report;
        }
        finally
        {
            if (options.OutputDirectory is null) Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// The obligation files <see cref="Prove"/> writes (file name → text), without solving anything: what a check that
    /// committed proofs are up to date re-emits.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Emit(IsaModel model, IAllocatorProofModel allocator, IReadOnlySet<string> innocuous, ProofOptions options)
    {
        var builder = new ObligationBuilder(new SymbolicVmm(model, allocator, options.Interpreter));
        return Jobs(model, options)
            .Where(job => job.Property != ObligationProperty.Efficiency || innocuous.Contains(job.Instruction.Name))
            .Select(job => Build(builder, job.Instruction, job.Property))
            .ToDictionary(o => o.FileName, o => Text(o, model, allocator));
    }

    private static List<(InstructionDecl Instruction, ObligationProperty Property)> Jobs(IsaModel model, ProofOptions options) =>
        [.. model.Instructions.Where(i => options.Instructions is null || options.Instructions.Contains(i.Name)).SelectMany(i => new[]
        {
            (i, ObligationProperty.Equivalence),
            (i, ObligationProperty.Efficiency),
            (i, ObligationProperty.ResourceControl),
        })];

    private static string Text(Obligation obligation, IsaModel model, IAllocatorProofModel allocator) =>
        CanonicalSmtLibWriter.Write(obligation.Negation, Header(obligation, model, allocator));

    private static Obligation Build(ObligationBuilder builder, InstructionDecl instruction, ObligationProperty property) => property switch
    {
        ObligationProperty.Equivalence => builder.Equivalence(instruction),
        ObligationProperty.Efficiency => builder.Efficiency(instruction),
        _ => builder.ResourceControl(instruction),
    };

    private static ObligationResult Solve(Obligation obligation, IsaModel model, IAllocatorProofModel allocator, ProofOptions options, string directory)
    {
        var path = Path.Combine(directory, obligation.FileName);
        File.WriteAllText(path, Text(obligation, model, allocator));

        var clock = Stopwatch.StartNew();
        var answer = options.Solver.Check(obligation.Negation, options.Timeout);
        var elapsed = clock.Elapsed;
        var (verdict, reason, counterexample) = answer switch
        {
            SolverResult.Unsat => (ProofVerdict.Proved, (string?)null, (string?)null),
            SolverResult.Sat sat => (ProofVerdict.Failed, null, CounterexampleFormatter.Format(obligation, sat.Model)),
            SolverResult.Timeout t => (ProofVerdict.Unknown, $"timeout after {t.Limit.TotalMilliseconds} ms", null),
            SolverResult.Unknown u => (ProofVerdict.Unknown, u.Reason, null),
            _ => throw new InvalidOperationException($"unexpected solver result {answer}"),
        };
        ProofVerdict? recheck = null;
        TimeSpan? recheckElapsed = null;
        if (options.Recheck is { } rechecker)
        {
            var (v, t, detail) = rechecker.Check(path, options.Timeout);
            recheck = v;
            recheckElapsed = t;
            if (v == ProofVerdict.Unknown) reason = (reason is null ? "" : reason + "; ") + $"{rechecker.Name}: {detail}";
        }
        return new ObligationResult(obligation.Instruction.Name, obligation.Property, obligation.FileName, verdict, elapsed, reason,
            counterexample, recheck, recheckElapsed);
    }

    private static IEnumerable<string> Header(Obligation obligation, IsaModel model, IAllocatorProofModel allocator)
    {
        yield return $"{model.Name}: {obligation.Instruction.Name} {obligation.Property.FileName()} (generated by `pgcheck prove`; do not edit)";
        yield return obligation.Statement;
        yield return "This script asserts the NEGATION of the obligation: unsat = proved, sat = counterexample.";
        yield return $"Allocator: {allocator.Description}";
        foreach (var line in allocator.VmMapText) yield return line;
        yield return "Encoding: the memory relation is substituted at every read (a machine memory read at i inside the allocation";
        yield return "  is the guest's read at i - base, a guest read beyond its RAM is 0); the formula is split on the allocator's cases";
        yield return "  and simplified (sums normalized, reads over writes resolved): see docs/vmm-proofs.md.";
    }
}
