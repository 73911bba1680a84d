using System.CommandLine;
using Virtualizability.Analysis;
using Virtualizability.Proofs;
using Virtualizability.Proofs.Solving;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Solving.External;
using Virtualizability.Smt.Solving.Z3;

namespace Virtualizability.Cli.Commands;

/// <summary>
/// `pgcheck prove SPEC`: the equivalence, efficiency and resource-control obligations of the VMM the runtime builds
/// for the spec, one SMT-LIB file each, solved and optionally rechecked (docs/vmm-proofs.md).
/// Exit: 0 all proved (and, with --recheck, confirmed), 2 some failed (or the recheck decided otherwise), 3 some unknown
/// (or decided by one solver only), 1 bad input or no VMM for the spec.
/// </summary>
public static class ProveCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "ISA description file (.isa)" };
        var output = new Option<string?>("--out") { Description = "Write the obligations (.smt2) and manifest.json into this directory" };
        var solver = new Option<string>("--solver") { Description = "z3 (in process), z3-cli or cvc5", DefaultValueFactory = _ => "z3" };
        solver.AcceptOnlyFromAmong("z3", "z3-cli", "cvc5");
        var recheck = new Option<string?>("--recheck") { Description = "Also run every emitted file through cvc5 or z3-cli; a contrary answer fails (exit 2), an answer from one solver only is undecided (exit 3)" };
        recheck.AcceptOnlyFromAmong("cvc5", "z3-cli");
        var timeout = new Option<int>("--timeout-ms") { Description = "Per-obligation time limit in milliseconds", DefaultValueFactory = _ => 60000 };
        var recheckTimeout = new Option<int?>("--recheck-timeout-ms")
        {
            Description = "The recheck's time limit per file in milliseconds (wall clock for cvc5 and z3-cli); default the larger of --timeout-ms and 300000",
        };
        var budget = new Option<int?>("--budget-ms") { Description = "Limit on the whole run in milliseconds: obligations not started by then are reported unknown (not attempted)" };
        var definition = new Option<string>("--definition", "-d") { Description = "Whose innocuous instructions the efficiency obligation covers", DefaultValueFactory = _ => "classic" };
        definition.AcceptOnlyFromAmong("classic", "user", "per-state");
        var instruction = new Option<string[]>("--instruction", "-i") { Description = "Prove only this instruction's obligations (repeatable)" };
        var fieldSplit = new Option<string>("--field-split")
        {
            Description = "Split equivalence on encoding-field values where the rule selects it (auto), or never (off, the default); docs/vmm-proofs.md",
            DefaultValueFactory = _ => "off",
        };
        fieldSplit.AcceptOnlyFromAmong("auto", "off");
        var split = new Option<string>("--split")
        {
            Description = "Split equivalence obligations: on encoding-field values where that rule selects them (fields), on the VMM step's " +
                "outcomes (outcome), both (auto: fields where selected, else outcomes), never (off), or as the allocator's proof model " +
                "prefers (default: outcome for mips32, off for the others); docs/vmm-proofs.md",
            DefaultValueFactory = _ => "default",
        };
        split.AcceptOnlyFromAmong("default", "off", "fields", "outcome", "auto");
        var command = new Command("prove", "Prove equivalence, efficiency and resource control of the spec's VMM, per instruction")
        {
            spec, output, solver, recheck, timeout, recheckTimeout, budget, definition, instruction, fieldSplit, split,
        };
        command.SetAction(parse => CommandGuard.Run(() => Run(
            parse.GetRequiredValue(spec), parse.GetValue(output), parse.GetValue(solver)!, parse.GetValue(recheck),
            parse.GetValue(timeout), parse.GetValue(recheckTimeout), parse.GetValue(budget), parse.GetValue(definition)!, parse.GetValue(instruction) ?? [],
            parse.GetValue(fieldSplit) != "off" || parse.GetValue(split) is "fields" or "auto", parse.GetValue(split) switch
            {
                "outcome" or "auto" => true,
                "default" => null,
                _ => false,
            })));
        return command;
    }

    private static int Run(string specPath, string? output, string solverName, string? recheckName, int timeoutMs, int? recheckTimeoutMs, int? budgetMs, string definitionName,
        string[] instructions, bool splitFields, bool? splitOutcomes)
    {
        if (timeoutMs <= 0) throw new UsageException("--timeout-ms must be positive");
        if (budgetMs <= 0) throw new UsageException("--budget-ms must be positive");
        if (recheckTimeoutMs <= 0) throw new UsageException("--recheck-timeout-ms must be positive");
        var model = SpecLoader.Load(specPath);
        if (model is null) return ExitCodes.BadInput;
        var missing = instructions.Where(n => model.Instruction(n) is null).ToList();
        if (missing.Count > 0) throw new UsageException($"no instruction {string.Join(", ", missing)} in {model.Name}");
        var allocator = VmmProver.AllocatorFor(model);
        if (allocator is null)
        {
            // Say what in the spec rules the identity model out: a reviewer's own spec most often has a relocating vmmap.
            var why = model.VmMap is { } map ? $" (its vmmap {map.Name} moves {map.MovedStorage.Name} by an offset)" : "";
            Console.Error.WriteLine($"pgcheck: {specPath}: prove has no proof model of an allocator for {model.Name}{why}: it models the " +
                "relocation-bounds allocator (resource L, B and memtrap MemoryViolation), the identity allocator (no vmmap, or " +
                "one that moves storage by 0) and the MIPS32 allocator (pmap and shadow TLB); nothing was proved; see " +
                "docs/vmm-proofs.md, Status");
            return ExitCodes.BadInput;
        }
        if (output is not null)
        {
            OutputDirectory.CheckUsable(output, "--out");
            OutputDirectory.Create(output, "--out");
        }
        var definition = Definitions.Parse(definitionName)!.Value;
        var timeout = TimeSpan.FromMilliseconds(timeoutMs);
        var analysis = SpecAnalyzer.Check(model, new AnalysisOptions
        {
            Definitions = [definition], Timeout = timeout, Instructions = instructions,
        });
        var innocuous = EfficiencyScope.Of(analysis.Definitions[0]);

        var options = new ProofOptions
        {
            Solver = Backend(solverName),
            SolverName = solverName,
            Timeout = timeout,
            Budget = budgetMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            OutputDirectory = output,
            Recheck = recheckName is null ? null : FileRechecker.Named(recheckName),
            RecheckTimeout = TimeSpan.FromMilliseconds(recheckTimeoutMs ?? Math.Max(timeoutMs, 300000)),
            Definition = definition,
            Instructions = instructions.Length == 0 ? null : instructions.ToHashSet(),
            FieldSplit = splitFields ? Virtualizability.Proofs.Obligations.FieldSplitRule.Default : null,
            // Unless --split says otherwise, as the allocator's proof model prefers.
            OutcomeSplit = splitOutcomes ?? allocator.PrefersOutcomeSplit ? Virtualizability.Proofs.Obligations.OutcomeSplitRule.Default : null,
        };
        var report = VmmProver.Prove(model, allocator, innocuous, options, specPath);
        ProveText.Render(report, Console.Out);
        if (report.Failed.Any() || report.Disagreements.Any() || report.LemmaFailures.Any()) return ExitCodes.PropertyFails;
        if (report.Unknown.Any() || report.Unconfirmed.Any() || report.LemmasUnconfirmed.Any()) return ExitCodes.Undecided;
        return ExitCodes.Success;
    }

    private static ISolverBackend Backend(string name) => name switch
    {
        "z3-cli" => ExternalSolverBackend.Z3(),
        "cvc5" => ExternalSolverBackend.Cvc5(),
        _ => new Z3InProcessBackend(),
    };
}
