using System.Diagnostics;
using Virtualizability.Isa;
using Virtualizability.Proofs;
using Virtualizability.Proofs.Obligations;

namespace Virtualizability.Bench;

/// <summary>
/// Whether splitting on encoding fields pays (docs/vmm-proofs.md, "Split on encoding fields"): for each instruction the
/// rule selects in a spec (or the instructions named), the instruction's obligations proved whole and then with
/// equivalence split, each timed by wall clock and process CPU. `bench/run --prove-split SPEC [INSTRUCTION ...]`; with
/// `--outcome`, split on the VMM step's outcomes instead (<see cref="OutcomeSplit"/>; the instructions named, else all).
/// </summary>
internal static class FieldSplitTimes
{
    public static void Print(string spec, IReadOnlyList<string> named, bool outcomes = false)
    {
        var model = IsaFrontEnd.LoadFile(SpecPaths.Find(spec)).Model ?? throw new InvalidOperationException($"{spec} does not load");
        var allocator = VmmProver.AllocatorFor(model) ?? throw new InvalidOperationException($"{spec}: no allocator proof model");
        var selected = named.Count > 0
            ? [.. named.Select(n => model.Instruction(n) ?? throw new InvalidOperationException($"{spec}: no instruction {n}"))]
            : outcomes ? [.. model.Instructions]
            : model.Instructions.Where(i => EncodingFieldSplit.For(model, i, FieldSplitRule.Default) is not null).ToList();
        // Efficiency is not split; proving it in both runs keeps the comparison to equivalence and resource control.
        var innocuous = new HashSet<string>();
        foreach (var instruction in selected)
        {
            var splitOptions = outcomes
                ? Options(instruction, null) with { OutcomeSplit = OutcomeSplitRule.Default }
                : Options(instruction, FieldSplitRule.Default);
            var whole = Time(() => VmmProver.Prove(model, allocator, innocuous, Options(instruction, null), spec));
            var split = Time(() => VmmProver.Prove(model, allocator, innocuous, splitOptions, spec));
            var parts = split.Report.Results.Sum(r => r.Parts.Count);
            Console.WriteLine($"prove {spec} {instruction.Name}: whole {whole.Wall:F1} s wall {whole.Cpu:F1} s CPU ({whole.Verdicts}); " +
                              $"split into {parts} parts {split.Wall:F1} s wall {split.Cpu:F1} s CPU ({split.Verdicts}); load average {LoadAverage()}");
        }
    }

    private static ProofOptions Options(Isa.Ir.InstructionDecl instruction, FieldSplitRule? rule) =>
        new() { Instructions = new HashSet<string> { instruction.Name }, FieldSplit = rule, Timeout = TimeSpan.FromMinutes(5) };

    private static (double Wall, double Cpu, string Verdicts, ProofReport Report) Time(Func<ProofReport> prove)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var report = prove();
        var verdicts = string.Join(", ", report.Results.GroupBy(r => r.Verdict).Select(g => $"{g.Count()} {Proofs.Solving.ProofVerdicts.Text(g.Key)}"));
        return (watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, verdicts, report);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
