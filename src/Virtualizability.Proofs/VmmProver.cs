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
            var parts = Parts(model, builder, jobs, options);
            // One work item per file: a whole obligation, or one part of a split one.
            var items = jobs.SelectMany((job, k) => PartsOf(parts, job, options) is { } split && Applies(job, innocuous)
                ? split.Select(p => (Job: k, Part: (ObligationPart?)p))
                : [(Job: k, Part: (ObligationPart?)null)]).ToList();
            var results = new ConcurrentDictionary<int, ObligationResult>();
            Parallel.For(0, items.Count, parallel, n =>
            {
                var (k, part) = items[n];
                var (instruction, property) = jobs[k];
                var remaining = options.Budget - clock.Elapsed;
                results[n] = !Applies(jobs[k], innocuous)
                    ? new ObligationResult(instruction.Name, property, null, ProofVerdict.NotApplicable, TimeSpan.Zero,
                        $"not innocuous and unprivileged under {options.Definition.Name()}: it runs under the VMM", null, null, null)
                    : remaining <= TimeSpan.Zero
                        ? new ObligationResult(instruction.Name, property, null, ProofVerdict.Unknown, TimeSpan.Zero,
                            $"not attempted: the run's budget of {options.Budget!.Value.TotalSeconds:F0} s was spent", null, null, null)
                            { PartLabel = part?.Label, PartCondition = part?.Description }
                        : Solve(Build(builder, instruction, property, part), lemmaVerdicts, model, allocator,
                            WithinBudget(options, remaining), directory);
            });
            var ordered = Enumerable.Range(0, items.Count).GroupBy(n => items[n].Job)
                .Select(g => items[g.First()].Part is null ? results[g.First()] : ObligationResult.OfParts([.. g.Select(n => results[n])]))
                .ToList();
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
        var jobs = Jobs(model, options);
        var parts = Parts(model, builder, jobs, options);
        return jobs
            .Where(job => Applies(job, innocuous))
            .SelectMany(job => PartsOf(parts, job, options) is { } split
                ? split.Select(p => Build(builder, job.Instruction, job.Property, p))
                : [Build(builder, job.Instruction, job.Property, null)])
            .Select(o => (o.FileName, Text: Text(o, model, allocator)))
            .Concat(allocator.Lemmas.Select(l => (l.FileName, Text: LemmaObligation.Text(l, model, allocator))))
            .ToDictionary(f => f.FileName, f => f.Text);
    }

    /// <summary>No solver, the recheck included, is given more than what remains of the run's budget.</summary>
    private static ProofOptions WithinBudget(ProofOptions options, TimeSpan? remaining)
    {
        if (remaining is not { } left) return options;
        var recheck = options.RecheckTimeout ?? options.Timeout;
        return options with { Timeout = left < options.Timeout ? left : options.Timeout, RecheckTimeout = left < recheck ? left : recheck };
    }

    private static List<(InstructionDecl Instruction, ObligationProperty Property)> Jobs(IsaModel model, ProofOptions options) =>
        [.. model.Instructions.Where(i => options.Instructions is null || options.Instructions.Contains(i.Name)).SelectMany(i => new[]
        {
            (i, ObligationProperty.Equivalence),
            (i, ObligationProperty.Efficiency),
            (i, ObligationProperty.ResourceControl),
        })];

    private static bool Applies((InstructionDecl Instruction, ObligationProperty Property) job, IReadOnlySet<string> innocuous) =>
        job.Property != ObligationProperty.Efficiency || innocuous.Contains(job.Instruction.Name);

    /// <summary>
    /// Each instruction's equivalence split into parts, null when it is solved whole: on encoding fields where the field
    /// rule selects the instruction (<see cref="EncodingFieldSplit"/>), else on the VMM step's outcomes where the outcome
    /// rule does (<see cref="OutcomeSplit"/>).
    /// </summary>
    private static Dictionary<InstructionDecl, IReadOnlyList<ObligationPart>?> Parts(IsaModel model, ObligationBuilder builder,
        List<(InstructionDecl Instruction, ObligationProperty Property)> jobs, ProofOptions options)
    {
        var instructions = jobs.Select(j => j.Instruction).Distinct().ToList();
        var parts = new IReadOnlyList<ObligationPart>?[instructions.Count];
        Parallel.For(0, instructions.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) },
            k => parts[k] = EncodingFieldSplit.For(model, instructions[k], options.FieldSplit) ?? builder.OutcomeParts(instructions[k], options.OutcomeSplit));
        return instructions.Select((i, k) => (i, k)).ToDictionary(p => p.i, p => parts[p.k]);
    }

    // Both splits are of equivalence only (the field rule may be told otherwise).
    private static IReadOnlyList<ObligationPart>? PartsOf(Dictionary<InstructionDecl, IReadOnlyList<ObligationPart>?> parts,
        (InstructionDecl Instruction, ObligationProperty Property) job, ProofOptions options) =>
        parts[job.Instruction] is { Count: > 0 } split && (split[0].Kind == SplitKind.Outcomes
            ? job.Property == ObligationProperty.Equivalence
            : options.FieldSplit is { } rule && rule.Covers(job.Property))
            ? split : null;

    private static string Text(Obligation obligation, IsaModel model, IAllocatorProofModel allocator) =>
        CanonicalSmtLibWriter.Write(obligation.Negation, Header(obligation, model, allocator));

    private static Obligation Build(ObligationBuilder builder, InstructionDecl instruction, ObligationProperty property, ObligationPart? part) => property switch
    {
        ObligationProperty.Equivalence => builder.Equivalence(instruction, part),
        ObligationProperty.Efficiency => builder.Efficiency(instruction, part),
        _ => builder.ResourceControl(instruction, part),
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
            counterexample, recheck, run.RecheckElapsed)
        {
            Lemmas = [.. obligation.Lemmas.Select(l => l.Name)],
            PartLabel = obligation.Part?.Label,
            PartCondition = obligation.Part?.Description,
        };
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
        if (obligation.Part is { Kind: SplitKind.Fields } part)
        {
            yield return $"Part {part.Index + 1} of {part.Count} of the obligation, split on encoding fields: this file asserts {part.Description}.";
            yield return "  The parts' conditions partition the fields' values (classes of values on which the spec's comparisons of the";
            yield return "  fields agree, or ranges of values: every value satisfies exactly one part's condition), so the obligation is";
            yield return "  proved iff every part's file is unsat (docs/vmm-proofs.md, \"Split on encoding fields\").";
        }
        else if (obligation.Part is { } outcome)
        {
            yield return $"Part {outcome.Index + 1} of {outcome.Count} of the obligation, split on the VMM step's outcomes: this file asserts that {outcome.Description}.";
            yield return "  The parts assert: exactly outcome k (per trap, reflected or interpreted), none, or at least two outcomes; every";
            yield return "  state satisfies one of them whatever the guards are, so the obligation is proved iff every part's file is unsat";
            yield return "  (docs/vmm-proofs.md, \"Split on outcomes\").";
            if (outcome.ConditionOnly)
                yield return "  This part asserts its condition without the negated obligation (a stronger claim: unsat = the case never occurs).";
        }
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
