using Virtualizability.Analysis;
using Virtualizability.Skeletons.Emit;
using Virtualizability.Skeletons.Files;
using Virtualizability.Skeletons.Policies;

namespace Virtualizability.Skeletons;

/// <summary>
/// `pgcheck vmm generate`: writes a readable C# project of the VMM for a spec (docs/vmm-generate.md). The classification
/// is the checker's (a DefinitionReport); a spec whose Theorem 1 fails is refused, or, when asked and Theorem 3 holds,
/// gets a hybrid VMM.
/// </summary>
public static class SkeletonGenerator
{
    /// <summary>The files of the skeleton; throws <see cref="SkeletonRefusedException"/> when the checker's verdicts do not allow one.</summary>
    public static IReadOnlyList<GeneratedFile> Generate(SkeletonRequest request)
    {
        CheckVirtualizable(request.Classification, request.Hybrid, request.AllowUndecided);
        var model = request.Model;
        var ns = request.Namespace;
        var context = new SemanticsContext(model);
        var source = new SourceText();
        var policy = AllocatorPolicy.For(model);
        var files = new List<GeneratedFile>();
        files.AddRange(FixedFiles.All(ns));
        files.Add(StateFile.State(model, ns));
        files.Add(StateFile.Exceptions(model, ns));
        files.AddRange(new CpuFiles(model, ns, context, source).All());
        files.AddRange(new InterpreterFiles(model, ns, context, source, request.Classification, policy).All());
        files.Add(WorldSwitchFile.File(model, ns));
        files.AddRange(new AllocatorFiles(model, ns, policy).All());
        files.AddRange(new ControlFiles(model, ns, request.Classification, request.Hybrid).All());
        files.AddRange(new ProjectFiles(request, policy, new SpecSources(model)).All());
        return files;
    }

    /// <summary>Writes the files under the output directory (creating it); existing files of the same names are replaced.</summary>
    public static void Write(string directory, IEnumerable<GeneratedFile> files)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
        }
    }

    /// <summary>
    /// The files under <paramref name="directory"/> that writing <paramref name="files"/> would replace with other text
    /// (or that are directories where a file goes): an author's edits to an earlier skeleton, or someone else's README.md
    /// and Program.cs when `--out` names a directory in use. Files whose text would not change are not listed.
    /// </summary>
    public static IReadOnlyList<string> WouldReplace(string directory, IEnumerable<GeneratedFile> files) =>
        [.. files.Where(file =>
        {
            var path = Path.Combine(directory, file.Path);
            if (Directory.Exists(path)) return true;
            if (!File.Exists(path)) return false;
            try
            {
                return File.ReadAllText(path) != file.Text;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return true;
            }
        }).Select(f => f.Path)];

    /// <summary>Why the text cannot be the generated code's namespace (not dotted C# identifiers, or a keyword among them); null when it can.</summary>
    public static string? NamespaceProblem(string ns) => Names.NamespaceProblem(ns);

    /// <summary>The allocator policy the skeleton of this spec gets.</summary>
    public static AllocatorKind PolicyFor(Virtualizability.Isa.Ir.IsaModel model) => AllocatorPolicy.For(model).Kind;

    /// <summary>
    /// Refuses when Theorem 1 does not hold (with hybrid: unless Theorem 3 holds), listing the violations; an undecided
    /// theorem is refused too unless <paramref name="allowUndecided"/>.
    /// </summary>
    public static void CheckVirtualizable(DefinitionReport report, bool hybrid, bool allowUndecided = false)
    {
        var definition = report.Definition.Name();
        if (report.Virtualizable.IsYes) return;
        if (hybrid && report.HybridVirtualizable.IsYes) return;
        var theorem = hybrid ? report.HybridVirtualizable : report.Virtualizable;
        if (allowUndecided && theorem.IsUnknown) return;
        if (report.Virtualizable.IsUnknown && !(hybrid && report.HybridVirtualizable.IsNo))
            throw new SkeletonRefusedException($"the checker could not decide Theorem 1 ({definition}; a longer --timeout-ms may decide it; --allow-undecided generates anyway)",
                report.Instructions.Where(r => r.Violation.IsUnknown).Select(r => $"{r.Name}: undecided ({r.Violation.Reason})").ToList());
        var rows = hybrid ? report.HybridViolations : report.Violations;
        var violations = rows.Select(r => Describe(r, hybrid)).ToList();
        var message = hybrid
            ? $"not hybrid-virtualizable either (Theorem 3 fails, {definition}): these instructions are user-sensitive and not privileged"
            : $"not virtualizable (Theorem 1 fails, {definition}): these instructions are sensitive and not privileged" +
              (report.HybridVirtualizable.IsYes ? "; Theorem 3 holds, so --hybrid generates a hybrid VMM" : "");
        throw new SkeletonRefusedException(message, violations);
    }

    private static string Describe(InstructionResult row, bool hybrid)
    {
        var answer = hybrid ? row.HybridViolation : row.Violation;
        var kinds = new List<string>();
        if (row.ControlSensitive.IsYes) kinds.Add("control-sensitive");
        if (row.ModeSensitive.IsYes) kinds.Add("mode-sensitive");
        if (row.LocationSensitive.IsYes) kinds.Add("location-sensitive");
        var what = kinds.Count > 0 ? string.Join(", ", kinds) : "sensitive";
        var witness = answer.Witness is { } w ? $"; witness: word {w.Word}: {w.Summary}" : "";
        return $"{row.Name}: {what}, not privileged{witness}";
    }
}
