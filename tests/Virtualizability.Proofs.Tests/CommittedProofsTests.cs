using System.Text.Json.Nodes;
using Virtualizability.Proofs.Solving;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// proofs/&lt;spec&gt; (pg-machine, s360, riscv) holds the obligations `pgcheck prove isa-specs/&lt;spec&gt;.isa --out proofs/&lt;spec&gt;` writes.
/// They must be what the current spec and prover emit (regenerate them with that command when a spec or the prover
/// changes), z3 failed none of them (the manifest; docs/vmm-proofs.md says which one timed out in the recorded run),
/// and cvc5 agrees on those it rechecks here.
/// </summary>
public sealed class CommittedProofsTests
{
    public static TheoryData<string> Committed => new("pg-machine", "s360", "riscv");

    [Theory]
    [MemberData(nameof(Committed))]
    public void The_committed_obligations_are_what_the_prover_emits_today(string spec)
    {
        var proofsDirectory = $"proofs/{spec}";
        var model = Specs.Load($"isa-specs/{spec}.isa");
        var emitted = VmmProver.Emit(model, VmmProver.AllocatorFor(model)!, Provers.Innocuous(model), new ProofOptions());
        var committed = Directory.GetFiles(Specs.PathOf(proofsDirectory), "*.smt2").ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        Assert.Equal(emitted.Keys.Order(), committed.Keys.Order());
        Assert.All(emitted, e => Assert.True(e.Value == committed[e.Key],
            $"{proofsDirectory}/{e.Key} differs from what the prover emits; rerun `pgcheck prove isa-specs/{spec}.isa --out {proofsDirectory}`"));

        var manifest = JsonNode.Parse(File.ReadAllText(Specs.PathOf($"{proofsDirectory}/manifest.json")))!;
        Assert.Equal(SpecHash.Of(model), (string?)manifest["specHash"]);
        var files = manifest["obligations"]!.AsArray().Select(o => (string?)o!["file"]).OfType<string>().Order();
        Assert.Equal(committed.Keys.Order(), files);
    }

    /// <summary>
    /// cvc5 rechecks the <see cref="RecheckCount"/> committed obligations that z3 proved fastest (the whole set takes
    /// minutes of CPU; `pgcheck prove --recheck cvc5` rechecks all of them).
    /// The selection depends only on the committed manifest, so every run rechecks the same files.
    /// </summary>
    [Theory]
    [MemberData(nameof(Committed))]
    public void Cvc5_proves_the_cheapest_committed_obligations(string spec)
    {
        var proofsDirectory = $"proofs/{spec}";
        var manifest = JsonNode.Parse(File.ReadAllText(Specs.PathOf($"{proofsDirectory}/manifest.json")))!;
        var recorded = manifest["obligations"]!.AsArray().Where(o => o!["file"] is not null).ToList();
        Assert.NotEmpty(recorded);
        // A recorded unknown is a solver timeout, not a verdict; a recorded failure would be a broken VMM.
        Assert.DoesNotContain(recorded, o => (string?)o!["verdict"] == "failed");
        var selected = recorded.Where(o => (string?)o!["verdict"] == "proved")
            .OrderBy(o => (double)o!["milliseconds"]!).ThenBy(o => (string)o!["file"]!, StringComparer.Ordinal)
            .Take(RecheckCount).Select(o => (string)o!["file"]!).ToList();
        Assert.NotEmpty(selected);
        var cvc5 = FileRechecker.Cvc5();
        var verdicts = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        Parallel.ForEach(selected, new ParallelOptions { MaxDegreeOfParallelism = 2 }, file =>
        {
            var (verdict, elapsed, detail) = cvc5.Check(Specs.PathOf($"{proofsDirectory}/{file}"), TimeSpan.FromMinutes(5));
            verdicts[file] = verdict == ProofVerdict.Proved ? "proved" : $"{verdict.Text()} after {elapsed.TotalSeconds:F1} s: {detail}";
        });
        Assert.Empty(verdicts.Where(v => v.Value != "proved").Select(v => $"{v.Key}: {v.Value}"));
    }

    // About 20 s of cvc5 CPU on this 2-core machine (the cheapest obligations take 0.2–1 s each).
    private const int RecheckCount = 20;
}
