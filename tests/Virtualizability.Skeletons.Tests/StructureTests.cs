using Virtualizability.Skeletons.Policies;

namespace Virtualizability.Skeletons.Tests;

/// <summary>
/// Generation only (no MSBuild): which files a skeleton has, what its routines say, and that every file compiles with
/// no warning (Roslyn in process). Specs other than pg-machine are checked on a few instructions, so that the checker
/// stays cheap: the theorems then speak of those, and the other routines are generated unclassified.
/// </summary>
public sealed class StructureTests
{
    [Fact]
    public void PgMachineHasOneRoutinePerPrivilegedInstructionWithItsSourceAndObligations()
    {
        var model = Tools.Load("pg-machine.isa");
        var files = SkeletonGenerator.Generate(Tools.Request(model, Tools.Check(model), "/tmp/unused"));
        var byPath = files.ToDictionary(f => f.Path, f => f.Text);

        var privileged = byPath.Keys.Where(p => p.StartsWith("Interpreters/Privileged/", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).Order();
        Assert.Equal(["GETR", "HALT", "LPSW", "SETR", "SVC"], privileged);
        Assert.Contains("Interpreters/Unprivileged/LW.cs", byPath.Keys);

        var lpsw = byPath["Interpreters/Privileged/LPSW.cs"];
        Assert.Contains("//       let a = translate(G[rb] + imm, 8);", lpsw);
        Assert.Contains("//   LPSW.equivalence.smt2", lpsw);
        Assert.Contains("//   LPSW.resource-control.smt2", lpsw);
        Assert.DoesNotContain("LPSW.efficiency.smt2", lpsw);
        Assert.Contains("ulong a = translate((State.G[(int)rb] + imm) & 0xFFFFUL, 0x8UL);", lpsw);
        Assert.Contains("State.NP = p;", lpsw);
        Assert.Contains("LW.efficiency.smt2", byPath["Interpreters/Unprivileged/LW.cs"]);

        Assert.Contains("VmMap.Compose(vm.State.L, vm.State.B, vm.Memory.Base, vm.Memory.Size)", byPath["Vmm/Allocator.cs"]);
        Assert.Contains("public const bool Hybrid = false;", byPath["Vmm/Dispatcher.cs"]);
        Assert.Contains("spec/common/pg-core.isa", byPath.Keys);
        Assert.Contains("spec/pg-machine.isa", byPath.Keys);
        AssertCompiles(files, "pg");
    }

    [Theory]
    [InlineData("riscv.isa", new[] { "CSRRW", "MRET", "ADD", "LW" }, new[] { "CSRRW", "MRET" })]
    [InlineData("s360.isa", new[] { "SSK", "LPSW", "AR", "L" }, new[] { "LPSW", "SSK" })]
    [InlineData("mips32.isa", new[] { "MTC0", "ERET", "ADDU", "LW" }, new[] { "ERET", "MTC0" })]
    public void OtherSpecsGetTheIdentityAllocatorAndCompile(string spec, string[] checkedInstructions, string[] privileged)
    {
        var model = Tools.Load(spec);
        var report = Tools.Check(model, checkedInstructions);
        var files = SkeletonGenerator.Generate(Tools.Request(model, report, "/tmp/unused"));
        var paths = files.Select(f => f.Path).ToHashSet();

        Assert.Equal(AllocatorKind.Identity, SkeletonGenerator.PolicyFor(model));
        Assert.Equal(privileged, paths.Where(p => p.StartsWith("Interpreters/Privileged/", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).Order());
        // Every instruction has a routine: virtual supervisor code that traps on the real machine is interpreted.
        Assert.Equal(model.Instructions.Length, paths.Count(p => p.StartsWith("Interpreters/", StringComparison.Ordinal)));
        Assert.Contains("VmMap.ToReal(vm.State, Real.State.Registers);", files.Single(f => f.Path == "Vmm/Allocator.cs").Text);
        AssertCompiles(files, Path.GetFileNameWithoutExtension(spec));
    }

    private static void AssertCompiles(IEnumerable<GeneratedFile> files, string name)
    {
        var (assembly, problems) = InProcessCompiler.Compile(files, name);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        Assert.NotNull(assembly);
    }
}
