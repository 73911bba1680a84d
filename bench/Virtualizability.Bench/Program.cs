using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Virtualizability.Bench;

// `--guest`: only the crc-bench guest (board and QEMU); `--vmm`: only the MIPS guests under the VMM; `--generate`: only
// the time of `vmm generate`; `--prove`: only the prove time per corpus spec; `--prove-split SPEC [INSTRUCTION ...]`:
// whole against field-split obligations (with `--outcome`: outcome-split); `--quick`: a Stopwatch measurement of the
// pg-machine loop in a few seconds, conformance runs per minute, the front end's scaling, the time of `vmm generate`,
// then the guests; otherwise BenchmarkDotNet, then every figure above and the prove times.
if (Array.IndexOf(args, "--prove-split") is var split and >= 0)
{
    // bench/run --prove-split SPEC [INSTRUCTION ...]: whole against split obligations (docs/vmm-proofs.md).
    var rest = args.Skip(split + 1).Where(a => a != "--outcome").ToList();
    FieldSplitTimes.Print(rest.Count > 0 ? rest[0] : "riscv.isa", rest.Skip(1).ToList(), args.Contains("--outcome"));
    return 0;
}
if (args.Contains("--prove"))
{
    ProveTimes.Print();
    return 0;
}
if (args.Contains("--generate"))
{
    GenerateTiming.Print();
    return 0;
}
if (args.Contains("--guest"))
{
    GuestReport.Print();
    return 0;
}
if (args.Contains("--vmm"))
{
    VmmReport.Print();
    return 0;
}
if (args.Contains("--quick"))
{
    var loop = new PgMachineLoop(SpecPaths.PgMachine);
    for (var i = 0; i < 20; i++) loop.RunOnce(); // warm up: tiered JIT, caches
    var watch = Stopwatch.StartNew();
    long steps = 0;
    while (watch.Elapsed < TimeSpan.FromSeconds(3)) steps += loop.RunOnce();
    Report.Throughput("pg-machine loop (quick)", steps / watch.Elapsed.TotalSeconds);
    ConformanceRate.Print();
    FrontEndScale.Print();
    GenerateTiming.Print();
    // pg-machine's whole proof takes minutes today (docs/vmm-proofs.md), too long for a quick run.
    Console.WriteLine("prove time per corpus spec: bench/run --prove (also printed by the full run)");
    GuestReport.Print();
    VmmReport.Print();
    return 0;
}

// `--vmm-quick`: the same loop bare and as a guest under the trap-and-emulate VMM, with the VMM's figures.
if (args.Contains("--vmm-quick"))
{
    var bare = new PgMachineLoop(SpecPaths.PgMachine);
    var guest = new PgMachineVmmLoop(bare);
    for (var i = 0; i < 20; i++) { bare.RunOnce(); guest.RunOnce(); }
    // Interleaved rounds, so that load from other processes on the machine falls on both sides alike.
    long bareSteps = 0, vmmSteps = 0;
    var bareWatch = new Stopwatch();
    var vmmWatch = new Stopwatch();
    for (var round = 0; round < 20; round++)
    {
        bareWatch.Start();
        for (var i = 0; i < 10; i++) bareSteps += bare.RunOnce();
        bareWatch.Stop();
        vmmWatch.Start();
        for (var i = 0; i < 10; i++) vmmSteps += guest.RunOnce();
        vmmWatch.Stop();
    }
    var bareRate = bareSteps / bareWatch.Elapsed.TotalSeconds;
    var vmmRate = vmmSteps / vmmWatch.Elapsed.TotalSeconds;
    var statistics = guest.Vm.Statistics;
    Report.Throughput("pg-machine loop, bare (quick)", bareRate);
    Report.Throughput("pg-machine loop, under the VMM (quick)", vmmRate);
    Console.WriteLine($"time under the VMM / bare time: {bareRate / vmmRate:F3} (target at most 1.05)");
    Console.WriteLine($"directly executed: {statistics.DirectlyExecuted} of {statistics.GuestInstructions} guest instructions = {statistics.DirectFraction:P4} (target at least 99.9%)");
    Console.WriteLine($"time in the VMM: {statistics.TimeInVmm.TotalMilliseconds:F1} ms of {statistics.TotalTime.TotalMilliseconds:F1} ms; emulated: {string.Join(", ", statistics.EmulatedByInstruction.Select(e => $"{e.Key} {e.Value}"))}");
    return 0;
}

var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(ExecutionBenchmarks).Assembly).Run(args.Where(a => a != "--quick" && a != "--vmm-quick" && a != "--vmm").ToArray(), config);
foreach (var summary in summaries) Report.Figures(summary);
ConformanceRate.Print();
GenerateTiming.Print();
GuestReport.Print();
VmmReport.Print();
ProveTimes.Print();
return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;

/// <summary>Prints the figures the issues ask for, next to their targets.</summary>
internal static class Report
{
    public static void Figures(Summary summary)
    {
        foreach (var report in summary.Reports)
        {
            if (report.ResultStatistics is null) continue;
            // Mean is per operation (per guest instruction, via OperationsPerInvoke), in nanoseconds.
            var perSecond = 1e9 / report.ResultStatistics.Mean;
            Throughput(report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo, perSecond);
        }
    }

    public static void Throughput(string name, double instructionsPerSecond)
    {
        const double target = 100e6;
        var verdict = instructionsPerSecond >= target ? "meets" : "BELOW";
        Console.WriteLine($"{name}: {instructionsPerSecond / 1e6:F1} million guest instructions/s on one core ({verdict} the 100 M/s target)");
    }
}

/// <summary>Issue 4's benchmark: crc-bench on the board (guest instructions per second on one core, host peak memory)
/// and under QEMU in the same run (wall time), with the figures next to their targets.</summary>
internal static class GuestReport
{
    public static void Print()
    {
        using var directory = new Virtualizability.Guests.TempDirectory();
        var elf = CrcGuestBenchmark.Build(directory.Path);
        var startupElf = Virtualizability.Guests.GuestProgram.ArithSort.Build(directory.Path);

        var board = CrcBoardRun.Run(elf);
        Report.Throughput($"crc-bench on the board ({board.Instructions:N0} instructions in {CrcGuestBenchmark.Seconds(board.WallTime)})",
            board.InstructionsPerSecond);
        const long allowance = 200L << 20;
        var limit = CrcBoardRun.RamBytes + allowance;
        Console.WriteLine($"host peak memory (VmHWM): {board.PeakResidentBytes >> 20} MiB; guest RAM {CrcBoardRun.RamBytes >> 20} MiB + 200 MiB = " +
                          $"{limit >> 20} MiB allowed ({(board.PeakResidentBytes <= limit ? "within" : "OVER")} the limit)");

        var qemu = CrcGuestBenchmark.RunOnQemu(elf, startupElf);
        Console.WriteLine($"crc-bench on qemu-system-mipsel -M malta -cpu 24Kc: {CrcGuestBenchmark.Seconds(qemu.WallTime)} wall, " +
                          $"of which QEMU start-up and exit about {CrcGuestBenchmark.Seconds(qemu.StartupWallTime)} (arith-sort's wall time)");
        var compute = qemu.ComputeTime.TotalSeconds;
        if (compute > 0)
            Console.WriteLine($"QEMU: about {board.Instructions / compute / 1e6:F1} million guest instructions/s; board/QEMU time ratio " +
                              $"{board.WallTime.TotalSeconds / compute:F1} (compute only), {board.WallTime.TotalSeconds / qemu.WallTime.TotalSeconds:F1} (QEMU wall incl. start-up)");
        else
            Console.WriteLine($"QEMU: crc-bench ran within QEMU's start-up noise; board/QEMU wall ratio {board.WallTime.TotalSeconds / qemu.WallTime.TotalSeconds:F1}");
    }
}

/// <summary>
/// Issue 5's benchmark for MIPS guests under the trap-and-emulate VMM: time under the VMM over bare time and the
/// directly executed fraction, for the compute-bound guest (user-compute: its compute is a kuseg user task) and for the
/// small kernel with its user task (kernel-user, whose kseg0 kernel must be interpreted), next to their targets.
/// </summary>
internal static class VmmReport
{
    private const int Rounds = 6;

    public static void Print()
    {
        using var directory = new Virtualizability.Guests.TempDirectory();
        Line(VmmGuestRun.Measure(Virtualizability.Guests.GuestProgram.UserCompute,
            Virtualizability.Guests.GuestProgram.UserCompute.Build(directory.Path), Rounds), targets: true);
        Line(VmmGuestRun.Measure(Virtualizability.Guests.GuestProgram.KernelUser,
            Virtualizability.Guests.GuestProgram.KernelUser.Build(directory.Path), Rounds), targets: false);
        // Conformance runs per minute (issue 5, target at least 10 000) belong here: `pgcheck conform` measures them.
    }

    private static void Line(VmmGuestRun.Figures f, bool targets)
    {
        var s = f.Statistics;
        string Verdict(bool met) => targets ? (met ? " (meets the target" : " (MISSES the target") : " (no target";
        Console.WriteLine($"{f.Guest} ({f.Instructions:N0} guest instructions; best of {Rounds} interleaved rounds each): " +
                          $"bare {f.Bare.Cpu.TotalSeconds:F3} s CPU ({f.Bare.Wall.TotalSeconds:F3} s wall), " +
                          $"under the VMM {f.UnderVmm.Cpu.TotalSeconds:F3} s CPU ({f.UnderVmm.Wall.TotalSeconds:F3} s wall)");
        Console.WriteLine($"  time under the VMM / bare time: {f.CpuRatio:F3} in CPU time{Verdict(f.CpuRatio <= 1.05)} of at most 1.05), " +
                          $"{f.WallRatio:F3} in wall time");
        Console.WriteLine($"  directly executed: {s.DirectlyExecuted:N0} of {s.GuestInstructions:N0} = {s.DirectFraction * 100:F3} %{Verdict(s.DirectFraction >= 0.999)} of at least 99.9 %)");
        Console.WriteLine($"  real traps {s.Traps:N0} (retried shadow refills {s.Retries:N0}), interpreted without a real trap {s.InterpretedWithoutTrap:N0}, " +
                          $"time in the VMM {s.TimeInVmm.TotalSeconds:F3} s of {s.TotalTime.TotalSeconds:F3} s wall");
    }
}
