using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Virtualizability.Conformance.Generators;
using Virtualizability.Conformance.Harness;
using Virtualizability.Conformance.ThreeWay;
using Virtualizability.Execution;

namespace Virtualizability.Conformance.Runs;

/// <param name="Runs">Random programs to run (FsCheck's MaxTest).</param>
/// <param name="Seed">FsCheck's replay seed: the same seed, runs and maximum length generate the same programs.</param>
/// <param name="MaxLength">The longest program, in instructions.</param>
public sealed record ConformOptions(int Runs, ulong Seed, int MaxLength)
{
    public const int LongestProgram = 1000;
}

/// <summary>A divergence: the shrunk case, where it first diverges, and how the search got there.</summary>
public sealed record ConformFailure(ConformanceCase Case, ThreeWayDivergence Divergence, int FailingRun, int Shrinks)
{
    /// <summary>The shrunk program as assembly and its initial state (non-zero fields).</summary>
    public string Listing => FailureReport.Describe(Case);
}

/// <summary>What a conformance run did: runs passed, guest steps and exceptions compared, time, and the failure if any.</summary>
public sealed record ConformResult(ConformOptions Options, int Passed, long Steps, long Exceptions, TimeSpan Elapsed, ConformFailure? Failure)
{
    public double RunsPerMinute => Elapsed.TotalMinutes > 0 ? Passed / Elapsed.TotalMinutes : 0;
}

/// <summary>
/// `pgcheck conform`: FsCheck generates random programs with random initial states (<see cref="CaseGenerator.Program"/>),
/// runs each on the bare model, under the VMM and on the reference interpreter (<see cref="ThreeWayRun"/>), and on the
/// first disagreement shrinks the case (<see cref="CaseShrinker"/>) to a minimal program.
/// </summary>
public static class ConformanceRunner
{
    // FsCheck's generator is SplitMix: any odd gamma is a valid stream; a fixed one makes the seed alone the replay key.
    private const ulong Gamma = 0x9E37_79B9_7F4A_7C15;
    private const int MaxShrinkRounds = 20;

    /// <param name="progress">Called after each passing run with the number passed so far.</param>
    public static ConformResult Run(CompiledIsa isa, ConformOptions options, Action<int>? progress = null)
    {
        if (options.Runs <= 0) throw new ArgumentOutOfRangeException(nameof(options), "runs must be positive");
        if (options.MaxLength is <= 0 or > ConformOptions.LongestProgram)
            throw new ArgumentOutOfRangeException(nameof(options), $"the maximum length must be 1..{ConformOptions.LongestProgram}");

        int passed = 0, failingRun = 0, shrinks = 0;
        long steps = 0, exceptions = 0;
        ConformanceCase? failing = null;
        var clock = Stopwatch.StartNew();
        var searched = TimeSpan.Zero;
        var shrinker = new CaseShrinker(isa);
        var cases = Arb.From(Gen.Choose(int.MinValue, int.MaxValue).Select(seed => CaseGenerator.Program(seed, options.MaxLength)), shrinker.Shrink);
        var property = Prop.ForAll(cases, c =>
        {
            var result = ThreeWayRun.Run(isa, c);
            if (result.Agrees && failing is null)
            {
                passed++;
                steps += result.Steps;
                exceptions += result.Exceptions;
                progress?.Invoke(passed);
                searched = clock.Elapsed; // the rate excludes shrinking
            }
            else if (!result.Agrees)
            {
                // FsCheck shrinks by evaluating candidates; the last one that fails is the shrunk counterexample.
                if (failing is null) failingRun = passed + 1;
                else shrinks++;
                failing = c;
            }
            return result.Agrees;
        });
        var replay = new Replay(new Rnd(options.Seed, Gamma), FSharpOption<int>.None);
        Check.One(Config.Quick.WithMaxTest(options.Runs).WithRunner(new SilentRunner()).WithReplay(FSharpOption<Replay>.Some(replay)), property);

        // FsCheck stops shrinking after 5000 candidates; a long program needs more. Shrinking again from the
        // counterexample continues where it stopped, until a round finds nothing smaller.
        for (var round = 0; failing is not null && round < MaxShrinkRounds; round++)
        {
            var start = failing;
            var again = Prop.ForAll(Arb.From(Gen.Constant(start), shrinker.Shrink), c =>
            {
                if (ReferenceEquals(c, start)) return false;
                var agrees = ThreeWayRun.Run(isa, c).Agrees;
                if (!agrees)
                {
                    shrinks++;
                    failing = c;
                }
                return agrees;
            });
            Check.One(Config.Quick.WithMaxTest(1).WithRunner(new SilentRunner()), again);
            if (ReferenceEquals(failing, start)) break;
        }

        ConformFailure? failure = null;
        if (failing is not null)
        {
            var divergence = ThreeWayRun.FirstDivergence(isa, failing)
                ?? throw new InvalidOperationException("the shrunk case no longer diverges: a run is not deterministic");
            failure = new ConformFailure(failing, divergence, failingRun, shrinks);
        }
        return new ConformResult(options, passed, steps, exceptions, searched, failure);
    }
}
