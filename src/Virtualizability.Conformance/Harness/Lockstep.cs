using Virtualizability.Execution;
using Virtualizability.Conformance.Bridge;

namespace Virtualizability.Conformance.Harness;

/// <summary>The reference interpreter and the spec model started from the same state, stepped together.</summary>
public sealed class Lockstep
{
    private readonly MipsInterpreter _reference;
    private readonly FlatRam _referenceRam;
    private readonly Machine _model;

    public Lockstep(CompiledIsa isa, ConformanceCase c)
    {
        var ram = c.BuildRam();
        _referenceRam = new FlatRam((byte[])ram.Clone());
        _reference = new MipsInterpreter(c.Initial.Clone(), _referenceRam);
        var options = new MachineOptions { MemoryCells = new Dictionary<string, long> { ["PM"] = ram.Length } };
        _model = new Machine(isa, options);
        StateBridge.ToModel(c.Initial, _model.State);
        ram.CopyTo(_model.State.Memory("PM").Bytes);
    }

    /// <summary>One step on each side (the model's trap is delivered); the first difference, or null.</summary>
    public StepOutcome Step()
    {
        var referenceResult = _reference.Step();
        var modelResult = _model.Step();
        ExceptionCode? modelException = null;
        string? modelTrap = null;
        if (modelResult.Status == StepStatus.Trapped)
        {
            var trap = modelResult.Trap!;
            modelTrap = trap.ToString();
            modelException = ExceptionNames.CodeOf(trap.Exception.Name);
            if (_model.Deliver(trap) is { } nested) throw new InvalidOperationException($"the spec's entry of {trap} raised {nested}");
        }
        else if (modelResult.Status == StepStatus.Halted) throw new InvalidOperationException("the spec model halted");

        var differences = new List<string>();
        var referenceException = referenceResult.Kind == StepKind.ExceptionTaken ? referenceResult.Exception : null;
        if (referenceException != modelException)
            differences.Add($"exception: reference {referenceException?.ToString() ?? "none"} != spec {modelTrap ?? "none"}");
        var modelState = StateBridge.FromModel(_model.State);
        differences.AddRange(_reference.State.Diff(modelState).Select(line => "reference " + line.Replace(" != ", " != spec ")));
        differences.AddRange(MemoryDifferences());
        return new StepOutcome(referenceResult, modelTrap, differences);
    }

    private IEnumerable<string> MemoryDifferences()
    {
        var mine = _referenceRam.Bytes.AsSpan();
        var theirs = _model.State.Memory("PM").Bytes;
        if (mine.SequenceEqual(theirs)) return [];
        var lines = new List<string>();
        for (int a = 0; a < mine.Length && lines.Count < 16; a++)
            if (mine[a] != theirs[a]) lines.Add($"mem[0x{a:X8}]: reference 0x{mine[a]:X2} != spec 0x{theirs[a]:X2}");
        return lines;
    }
}

public sealed record StepOutcome(Virtualizability.Mips.Reference.StepResult Reference, string? ModelTrap, IReadOnlyList<string> Differences)
{
    public bool Agrees => Differences.Count == 0;
}
