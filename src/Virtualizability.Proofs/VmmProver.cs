using System.Collections.Concurrent;
using System.Diagnostics;
using Virtualizability.Analysis;
using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Allocation;
using Virtualizability.Proofs.Lemmas;
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
        RelocationBoundsProofModel.For(model) ?? (IAllocatorProofModel?)IdentityProofModel.For(model) ?? MipsShadowProofModel.For(model);

    public static ProofReport Prove(IsaModel model, IAllocatorProofModel allocator, IReadOnlySet<string> innocuous, ProofOptions options, string specLabel)
    {
        var clock = Stopwatch.StartNew();
        var directory = options.OutputDirectory ?? Directory.CreateTempSubdirectory("pgcheck-prove-").FullName;
        Directory.CreateDirectory(directory);
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) };
            // The lemmas first: an obligation is proved only if every lemma whose instances it asserts is.
            var lemmas = new LemmaResult[allocator.Lemmas.Count];
            Parallel.For(0, lemmas.Length, parallel, k => lemmas[k] = SolveLemma(allocator.Lemmas[k], model, allocator, options, directory));
            var lemmaVerdicts = lemmas.ToDictionary(l => l.Name, l => l.Verdict);

            var jobs = Jobs(model, options);
            var builder = new ObligationBuilder(new SymbolicVmm(model, allocator, options.Interpreter));
            var results = new ConcurrentDictionary<int, ObligationResult>();
            Parallel.For(0, jobs.Count, parallel, k =>
            {
                var (instruction, property) = jobs[k];
                var remaining = options.Budget - clock.Elapsed;
                results[k] = property == ObligationProperty.Efficiency && !innocuous.Contains(instruction.Name)
                    ? new ObligationResult(instruction.Name, property, null, ProofVerdict.NotApplicable, TimeSpan.Zero,
                        $"not innocuous and unprivileged under {options.Definition.Name()}: it runs under the VMM", null, null, null)
                    : remaining <= TimeSpan.Zero
                        ? new ObligationResult(instruction.Name, property, null, ProofVerdict.Unknown, TimeSpan.Zero,
                            $"not attempted: the run's budget of {options.Budget!.Value.TotalSeconds:F0} s was spent", null, null, null)
                        : Solve(Build(builder, instruction, property), lemmaVerdicts, model, allocator,
                            remaining < options.Timeout ? options with { Timeout = remaining.Value } : options, directory);
            });
            var ordered = Enumerable.Range(0, jobs.Count).Select(k => results[k]).ToList();
            var report = new ProofReport(specLabel, SpecHash.Of(model), allocator.Description, ordered, clock.Elapsed) { Lemmas = lemmas };
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
            .Select(o => (o.FileName, Text: Text(o, model, allocator)))
            .Concat(allocator.Lemmas.Select(l => (l.FileName, Text: LemmaObligation.Text(l, model, allocator))))
            .ToDictionary(f => f.FileName, f => f.Text);
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

    private static ObligationResult Solve(Obligation obligation, IReadOnlyDictionary<string, ProofVerdict> lemmaVerdicts,
        IsaModel model, IAllocatorProofModel allocator, ProofOptions options, string directory)
    {
        var path = Path.Combine(directory, obligation.FileName);
        File.WriteAllText(path, Text(obligation, model, allocator));
        var run = FileSolving.Solve(obligation.Negation, path, options);
        var counterexample = run.Model is { } m ? CounterexampleFormatter.Format(obligation, m) : null;
        var (verdict, reason) = (run.Verdict, run.Reason);
        // unsat with an unproved lemma's instances asserted proves nothing (sat still is a counterexample: the instances only remove models).
        var unproved = obligation.Lemmas.Where(l => lemmaVerdicts.GetValueOrDefault(l.Name) != ProofVerdict.Proved).Select(l => l.Name).ToList();
        var recheck = run.Recheck;
        if (unproved.Count > 0)
        {
            // The recheck of the file assumes them too.
            if (verdict == ProofVerdict.Proved) (verdict, reason) = (ProofVerdict.Unknown, $"unsat, but it assumes lemma(s) not proved: {string.Join(", ", unproved)}");
            if (recheck == ProofVerdict.Proved) recheck = ProofVerdict.Unknown;
        }
        return new ObligationResult(obligation.Instruction.Name, obligation.Property, obligation.FileName, verdict, run.Elapsed, reason,
            counterexample, recheck, run.RecheckElapsed) { Lemmas = [.. obligation.Lemmas.Select(l => l.Name)] };
    }

    private static LemmaResult SolveLemma(AllocatorLemma lemma, IsaModel model, IAllocatorProofModel allocator, ProofOptions options, string directory)
    {
        var path = Path.Combine(directory, lemma.FileName);
        File.WriteAllText(path, LemmaObligation.Text(lemma, model, allocator));
        var run = FileSolving.Solve(LemmaObligation.Negation(lemma, model), path, options);
        return new LemmaResult(lemma.Name, lemma.Statement, lemma.FileName, run.Verdict, run.Elapsed, run.Reason, run.Recheck, run.RecheckElapsed);
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
        if (allocator.ReducesMemoryReads)
        {
            yield return "Memory reads are Ackermann-reduced: each read A[i] of a memory that is only read is the symbol A@k, with";
            yield return "  i = j -> A@k = A@l asserted for every two reads of A (equisatisfiable), so the file is pure bit-vectors.";
            yield return FileRechecker.Cvc5OptionsPrefix + "--bitblast=eager (without it cvc5 1.0.3 decides few of these files; `pgcheck prove --recheck cvc5` passes it)";
        }
        if (obligation.Lemmas.Count == 0) yield break;
        yield return "It asserts instances of allocator lemmas (valid if the lemmas are: each is proved in its own file) and the";
        yield return "  simplification uses their two-literal clauses: " + string.Join(", ", obligation.Lemmas.Select(l => l.FileName)) + ".";
    }
}
