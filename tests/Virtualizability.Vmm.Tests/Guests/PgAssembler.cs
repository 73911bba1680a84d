namespace Virtualizability.Vmm.Tests.Guests;

/// <summary>
/// A small pg-machine assembler over the spec's own encodings (EncodingPattern.Encode), with labels. Code is
/// assembled at virtual addresses from <c>origin</c> and placed at guest-physical <c>origin + loadOffset</c>, so user
/// code can be written at virtual 0 and live wherever its relocation base puts it.
/// </summary>
public sealed class PgAssembler(ulong origin, ulong loadOffset = 0)
{
    private readonly List<Func<IReadOnlyDictionary<string, ulong>, ulong>> _words = [];
    private readonly Dictionary<string, ulong> _labels = new();

    public ulong Here => origin + 4 * (ulong)_words.Count;

    public PgAssembler Label(string name)
    {
        _labels.Add(name, Here);
        return this;
    }

    public PgAssembler Emit(string instruction, params (string Field, ulong Value)[] fields)
    {
        var word = Encode(instruction, fields);
        _words.Add(_ => word);
        return this;
    }

    /// <summary>BEQ/BNE/BLT ra, rb to a label: off = target − (P + 4).</summary>
    public PgAssembler Branch(string instruction, int ra, int rb, string label)
    {
        var at = Here;
        _words.Add(labels => Encode(instruction, ("ra", (ulong)ra), ("rb", (ulong)rb), ("off", (labels[label] - at - 4) & 0xFFFF)));
        return this;
    }

    /// <summary>Loads a label's virtual address into a register.</summary>
    public PgAssembler LoadLabel(int ra, string label)
    {
        _words.Add(labels => Encode("LI", ("ra", (ulong)ra), ("imm", labels[label])));
        return this;
    }

    public PgAssembler Li(int ra, ulong imm) => Emit("LI", ("ra", (ulong)ra), ("imm", imm));
    public PgAssembler Lw(int ra, int rb, ulong imm) => Emit("LW", ("ra", (ulong)ra), ("rb", (ulong)rb), ("imm", imm));
    public PgAssembler Sw(int ra, int rb, ulong imm) => Emit("SW", ("ra", (ulong)ra), ("rb", (ulong)rb), ("imm", imm));
    public PgAssembler Addi(int ra, int rb, ulong imm) => Emit("ADDI", ("ra", (ulong)ra), ("rb", (ulong)rb), ("imm", imm));
    public PgAssembler Add(int ra, int rb, int rc) => Emit("ADD", ("ra", (ulong)ra), ("rb", (ulong)rb), ("rc", (ulong)rc));
    public PgAssembler Svc(ulong code) => Emit("SVC", ("code", code));
    public PgAssembler Lpsw(int rb, ulong imm) => Emit("LPSW", ("rb", (ulong)rb), ("imm", imm));
    public PgAssembler Setr(int ra, int rb) => Emit("SETR", ("ra", (ulong)ra), ("rb", (ulong)rb));
    public PgAssembler Getr(int ra, int rb) => Emit("GETR", ("ra", (ulong)ra), ("rb", (ulong)rb));
    public PgAssembler Halt() => Emit("HALT");

    /// <summary>The program as (guest-physical address, word) pairs.</summary>
    public IReadOnlyList<(ulong Address, ulong Word)> Assemble() =>
        _words.Select((word, i) => (origin + loadOffset + 4 * (ulong)i, word(_labels))).ToList();

    public ulong AddressOf(string label) => _labels[label];

    private static ulong Encode(string instruction, params (string Field, ulong Value)[] fields) => PgSpec.File.Encode(instruction, fields);
}
