using Virtualizability.Conformance.Runs;
using Virtualizability.Execution;
using Virtualizability.Isa;

namespace Virtualizability.Bench;

/// <summary>
/// Issue 5's figure: `pgcheck conform` runs per minute (each run a random program of up to 200 instructions on the bare
/// model, under the VMM and on the reference interpreter), measured on one thread with the CLI's defaults.
/// </summary>
internal static class ConformanceRate
{
    private const double Target = 10_000;

    public static void Print()
    {
        var path = SpecPaths.Find("mips32.isa");
        var load = IsaFrontEnd.LoadFile(path);
        if (!load.Succeeded) throw new InvalidOperationException($"{path} does not load");
        var isa = CompiledIsa.Compile(load.Model!);
        ConformanceRunner.Run(isa, new ConformOptions(Runs: 300, Seed: 1, MaxLength: 200)); // warm up: JIT, compiled run loop
        var result = ConformanceRunner.Run(isa, new ConformOptions(Runs: 3000, Seed: 2, MaxLength: 200));
        if (result.Failure is not null) throw new InvalidOperationException("a conformance run diverged: run pgcheck conform --seed 2 --runs 3000");
        var verdict = result.RunsPerMinute >= Target ? "meets" : "BELOW";
        Console.WriteLine($"conformance runs (bare model, VMM, reference; up to 200 instructions): {result.RunsPerMinute:F0} runs/min, " +
                          $"{result.Steps / result.Elapsed.TotalSeconds / 1e3:F0} thousand steps/s per side ({verdict} the 10,000 runs/min target)");
    }
}
