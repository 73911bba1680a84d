using System.Text.Json.Nodes;
using Virtualizability.Proofs.Solving;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// proofs/pg-machine holds the obligations `pgcheck prove isa-specs/pg-machine.isa --out proofs/pg-machine` writes.
/// They must be what the current spec and prover emit (regenerate them with that command when a spec or the prover
/// changes), the recorded run proved every one (the manifest), and cvc5 proves every one again here: the allocator
/// lemmas' own files as well as the obligations that assert their instances.
/// </summary>
public sealed class CommittedProofsTests
{
    private const string ProofsDirectory = "proofs/pg-machine";

    [Fact]
    public void The_committed_obligations_are_what_the_prover_emits_today()
    {
        var model = Specs.Load("isa-specs/pg-machine.isa");
        var emitted = VmmProver.Emit(model, VmmProver.AllocatorFor(model)!, Provers.Innocuous(model), new ProofOptions());
        var committed = Directory.GetFiles(Specs.PathOf(ProofsDirectory), "*.smt2").ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        Assert.Equal(emitted.Keys.Order(), committed.Keys.Order());
        Assert.All(emitted, e => Assert.True(e.Value == committed[e.Key],
            $"{ProofsDirectory}/{e.Key} differs from what the prover emits; rerun `pgcheck prove isa-specs/pg-machine.isa --out {ProofsDirectory}`"));

        var manifest = JsonNode.Parse(File.ReadAllText(Specs.PathOf($"{ProofsDirectory}/manifest.json")))!;
        Assert.Equal(SpecHash.Of(model), (string?)manifest["specHash"]);
        var files = manifest["obligations"]!.AsArray().Concat(manifest["lemmas"]!.AsArray()).Select(o => (string?)o!["file"]).OfType<string>().Order();
        Assert.Equal(committed.Keys.Order(), files);
        Assert.Contains(committed.Keys, f => f.StartsWith("lemma.", StringComparison.Ordinal));
    }

    /// <summary>
    /// cvc5 proves every committed file again: about 12 s of cvc5 CPU on this 2-core machine (the slowest file takes
    /// about 3 s). The recorded run must have proved every obligation and lemma (a recorded unknown would be a solver
    /// timeout, a failure a broken VMM or a false lemma).
    /// </summary>
    [Fact]
    public void Cvc5_proves_every_committed_obligation_and_lemma()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Specs.PathOf($"{ProofsDirectory}/manifest.json")))!;
        var recorded = manifest["obligations"]!.AsArray().Concat(manifest["lemmas"]!.AsArray()).Where(o => o!["file"] is not null).ToList();
        Assert.NotEmpty(recorded);
        Assert.Empty(recorded.Where(o => (string?)o!["verdict"] != "proved").Select(o => $"{o!["file"]}: {o["verdict"]}"));
        var files = recorded.Select(o => (string)o!["file"]!).Order(StringComparer.Ordinal).ToList();
        var cvc5 = FileRechecker.Cvc5();
        var verdicts = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, file =>
        {
            var (verdict, elapsed, detail) = cvc5.Check(Specs.PathOf($"{ProofsDirectory}/{file}"), TimeSpan.FromMinutes(5));
            verdicts[file] = verdict == ProofVerdict.Proved ? "proved" : $"{verdict.Text()} after {elapsed.TotalSeconds:F1} s: {detail}";
        });
        Assert.Equal(files.Count, verdicts.Count);
        Assert.Empty(verdicts.Where(v => v.Value != "proved").Select(v => $"{v.Key}: {v.Value}"));
    }
}
