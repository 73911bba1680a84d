using Virtualizability.Execution;
using Virtualizability.Isa;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Bench;

/// <summary>
/// A compute-bound pg-machine program: a counted loop of ADDI, ADD and BNE (every fetch translated through R),
/// then HALT. The program is assembled from the spec's own encodings, so it stays right if the spec changes.
/// </summary>
public sealed class PgMachineLoop
{
    public const int Iterations = 60_000;
    /// <summary>Steps one run executes: 3 LIs, three per iteration, and the HALT.</summary>
    public const long StepsPerRun = 3 + 3L * Iterations + 1;

    public PgMachineLoop(string specPath)
    {
        var result = IsaFrontEnd.LoadFile(specPath);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
        Model = result.Model!;
        Machine = new Machine(CompiledIsa.Compile(Model));
        Machine.Reset();
        var start = Machine.State.GetRegister(Model.Roles.ProgramCounter);
        var words = new[]
        {
            Assemble("LI", ("ra", 1), ("imm", 0)),
            Assemble("LI", ("ra", 2), ("imm", 0)),
            Assemble("LI", ("ra", 3), ("imm", Iterations)),
            Assemble("ADDI", ("ra", 1), ("rb", 1), ("imm", 1)),      // loop:
            Assemble("ADD", ("ra", 2), ("rb", 2), ("rc", 1)),
            Assemble("BNE", ("ra", 1), ("rb", 3), ("off", 0xFFF4)),   // back 12 bytes from P + 4
            Assemble("HALT"),
        };
        var storage = Machine.State.Memory(Model.Roles.Storage);
        for (var i = 0; i < words.Length; i++) storage.Write(start + (ulong)(4 * i), 4, (ulong)words[i]);
    }

    public IsaModel Model { get; }
    public Machine Machine { get; }

    /// <summary>Runs the program once from reset to HALT and returns the steps executed.</summary>
    public long RunOnce()
    {
        Machine.Reset();
        var result = Machine.Run(long.MaxValue);
        if (result.Reason != RunStopReason.Halted || result.Steps != StepsPerRun)
            throw new InvalidOperationException($"the loop ended with {result.Reason} after {result.Steps} steps, expected HALT after {StepsPerRun}");
        return result.Steps;
    }

    private UInt128 Assemble(string name, params (string Field, ulong Value)[] fields) =>
        (Model.Instruction(name) ?? throw new InvalidOperationException($"{Model.Name} has no instruction {name}"))
            .Encoding.Encode(fields.ToDictionary(f => f.Field, f => f.Value));
}
