using Virtualizability.Analysis.Search;

namespace Virtualizability.Analysis;

/// <summary>
/// The concrete witness search before the solver (docs/definitions.md, "How the checker asks"): every question it
/// confirms a witness for is answered yes here, with that witness, and is not asked; the rest go to the solver as
/// before, so every "no" is still an unsat answer.
/// </summary>
internal sealed partial class InstructionAnalyzer
{
    private void SearchWitnesses(IEnumerable<(PropertyKind Kind, Domain Domain)> questions)
    {
        if (search is null) return;
        var asked = questions.Where(q => !answers.ContainsKey(q)).Distinct().ToList();
        var (cpu, wall) = (Profiling.ThreadCpuMs(), Profiling.Start());
        Dictionary<(PropertyKind Kind, Domain Domain), WitnessSearch.Found> found;
        using (ProfileSummary.Time("search")) found = search.Find(instruction, asked);
        foreach (var (q, f) in found)
        {
            answers[q] = Answer.Yes(f.Witness) with { Claim = f.Claim };
            Profiling.Searched(instruction.Name, Label(q), f.WallMs, f.Tries);
        }
        Profiling.SearchDone(instruction.Name, asked.Count, found.Count, Profiling.Ms(wall), Profiling.ThreadCpuMs() - cpu);
        ProfileSummary.Count("search-asked", asked.Count);
        ProfileSummary.Count("search-found", found.Count);
    }

    /// <summary>A not-privileged witness for one word found by the search (the second witness of a violation), or null.</summary>
    private WitnessSearch.Found? SearchNotPrivileged(UInt128 word)
    {
        if (search is null) return null;
        (PropertyKind, Domain) question = (PropertyKind.NotPrivileged, Domain.AllStates);
        var wall = Profiling.Start();
        Dictionary<(PropertyKind Kind, Domain Domain), WitnessSearch.Found> found;
        using (ProfileSummary.Time("search")) found = search.Find(instruction, [question], word);
        ProfileSummary.Count("search-asked", 1);
        if (!found.TryGetValue(question, out var hit)) return null;
        ProfileSummary.Count("search-found", 1);
        Profiling.Searched(instruction.Name, "not-privileged for the word of a sensitivity witness", Profiling.Ms(wall), hit.Tries);
        return hit;
    }
}
