using System.Text.Json.Nodes;
using Virtualizability.Proofs.Solving;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// proofs/&lt;spec&gt; (pg-machine, s360, riscv) holds the obligations `pgcheck prove isa-specs/&lt;spec&gt;.isa --out proofs/&lt;spec&gt;` writes.
/// They must be what the current spec and prover emit (regenerate them with that command when a spec or the prover
/// changes), and cvc5 agrees with the recorded run: on every pg-machine file (obligations and the allocator lemmas'
/// own files), and on the cheapest s360 and riscv obligations (their whole sets take many minutes of CPU;
/// `pgcheck prove --recheck cvc5` rechecks all of them).
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

        var manifest = Manifest(spec);
        Assert.Equal(SpecHash.Of(model), (string?)manifest["specHash"]);
        Assert.Equal(committed.Keys.Order(), Recorded(manifest).Select(o => (string)o!["file"]!).Order());
    }

    [Fact]
    public void The_relocation_bounds_proofs_rely_on_proved_lemma_files() =>
        Assert.Contains(Recorded(Manifest("pg-machine")), o => ((string)o!["file"]!).StartsWith("lemma.", StringComparison.Ordinal));

    /// <summary>
    /// cvc5 proves every pg-machine file again (about 12 s of cvc5 CPU on this 2-core machine; the slowest file takes
    /// about 3 s). The recorded run must have proved every obligation and lemma (a recorded unknown would be a solver
    /// timeout, a failure a broken VMM or a false lemma).
    /// </summary>
    [Fact]
    public void Cvc5_proves_every_committed_pg_machine_obligation_and_lemma()
    {
        var recorded = Recorded(Manifest("pg-machine"));
        Assert.Empty(recorded.Where(o => (string?)o!["verdict"] != "proved").Select(o => $"{o!["file"]}: {o["verdict"]}"));
        AssertCvc5Proves("pg-machine", [.. recorded.Select(o => (string)o!["file"]!)]);
    }

    /// <summary>
    /// cvc5 rechecks the <see cref="RecheckCount"/> committed obligations of s360 and riscv that z3 proved fastest; the
    /// selection depends only on the committed manifest, so every run rechecks the same files. The recorded run must
    /// have proved every obligation and lemma of both (s360's CLC equivalence, unknown at 600 s before the key
    /// rotation's injectivity lemma, included: docs/vmm-proofs.md).
    /// </summary>
    [Theory]
    [InlineData("s360")]
    [InlineData("riscv")]
    public void Cvc5_proves_the_cheapest_committed_obligations(string spec)
    {
        var recorded = Recorded(Manifest(spec));
        Assert.Empty(recorded.Where(o => (string?)o!["verdict"] != "proved").Select(o => $"{o!["file"]}: {o["verdict"]}"));
        var selected = recorded
            .OrderBy(o => (double)o!["milliseconds"]!).ThenBy(o => (string)o!["file"]!, StringComparer.Ordinal)
            .Take(RecheckCount).Select(o => (string)o!["file"]!).ToList();
        AssertCvc5Proves(spec, selected);
    }

    // About 20 s of cvc5 CPU on this 2-core machine (the cheapest obligations take 0.2–1 s each).
    private const int RecheckCount = 20;

    private static JsonNode Manifest(string spec) =>
        JsonNode.Parse(File.ReadAllText(Specs.PathOf($"proofs/{spec}/manifest.json")))!;

    // Every recorded obligation, part of a split obligation and lemma that has a file (not-applicable efficiency
    // obligations have none; a split obligation has only its parts').
    private static List<JsonNode?> Recorded(JsonNode manifest) =>
        [.. manifest["obligations"]!.AsArray().SelectMany(o => o!["parts"] is JsonArray parts ? [.. parts] : new List<JsonNode?> { o })
            .Concat(manifest["lemmas"]?.AsArray() ?? []).Where(o => o!["file"] is not null)];

    private static void AssertCvc5Proves(string spec, IReadOnlyList<string> files)
    {
        Assert.NotEmpty(files);
        var cvc5 = FileRechecker.Cvc5();
        var verdicts = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, file =>
        {
            var (verdict, elapsed, detail) = cvc5.Check(Specs.PathOf($"proofs/{spec}/{file}"), TimeSpan.FromMinutes(5));
            verdicts[file] = verdict == ProofVerdict.Proved ? "proved" : $"{verdict.Text()} after {elapsed.TotalSeconds:F1} s: {detail}";
        });
        Assert.Equal(files.Count, verdicts.Count);
        Assert.Empty(verdicts.Where(v => v.Value != "proved").Select(v => $"{v.Key}: {v.Value}"));
    }
}
