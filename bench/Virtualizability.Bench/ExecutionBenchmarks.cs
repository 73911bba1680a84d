using BenchmarkDotNet.Attributes;

namespace Virtualizability.Bench;

/// <summary>Decode + execute throughput of the compiled pg-machine model on one core.</summary>
public class ExecutionBenchmarks
{
    private PgMachineLoop _loop = null!;

    [GlobalSetup]
    public void Setup() => _loop = new PgMachineLoop(SpecPaths.PgMachine);

    [Benchmark(OperationsPerInvoke = (int)Bench.PgMachineLoop.StepsPerRun, Description = "pg-machine loop, per guest instruction")]
    public long RunPgMachineLoop() => _loop.RunOnce();
}
