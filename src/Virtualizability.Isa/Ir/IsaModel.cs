using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Isa.Ir;

/// <summary>
/// The typed, immutable IR of one ISA description: the only thing back ends (execution, SMT, VMM, generator) see.
///
/// One step of the machine is, in order:
/// <list type="number">
/// <item><see cref="Prologue"/> (interrupt checks and the like; may trap),</item>
/// <item>the encoding's fetch function (may trap),</item>
/// <item>decode: the unique most specific matching pattern, or <see cref="Undefined"/> when none matches,</item>
/// <item>the instruction's body,</item>
/// <item><see cref="Epilogue"/> (PC advance, delay slots, counters).</item>
/// </list>
/// A trap anywhere ends the step (the epilogue does not run) and is returned as a value; the exception's entry
/// block runs when the trap is delivered. A `halt` ends the step and stops the machine.
/// </summary>
public sealed record IsaModel(
    string Name,
    string Title,
    string SourceFile,
    ImmutableArray<ConstantDecl> Constants,
    ImmutableArray<RegisterDecl> Registers,
    ImmutableArray<MemoryDecl> Memories,
    ImmutableArray<FunctionDecl> Functions,
    ImmutableArray<ExceptionDecl> Exceptions,
    ImmutableArray<InstructionDecl> Instructions,
    EncodingScheme Encoding,
    Block Reset,
    Block Prologue,
    Block Epilogue,
    Block Undefined,
    Roles Roles,
    VmMap? VmMap)
{
    /// <summary>Number of 64-bit slots of register state (sum of all register and file entries).</summary>
    public int StateSlots => Registers.Length == 0 ? 0 : Registers.Max(r => r.Slot + r.Count);

    public RegisterDecl? Register(string name) => Registers.FirstOrDefault(r => r.Name == name);
    public MemoryDecl? Memory(string name) => Memories.FirstOrDefault(m => m.Name == name);
    public InstructionDecl? Instruction(string name) => Instructions.FirstOrDefault(i => i.Name == name);
    public ExceptionDecl? Exception(string name) => Exceptions.FirstOrDefault(e => e.Name == name);
    public FunctionDecl? Function(string name) => Functions.FirstOrDefault(f => f.Name == name);

    /// <summary>
    /// The instructions whose patterns take words of <paramref name="instruction"/> away from it
    /// (<see cref="EncodingPattern.WinsEveryWordOf"/>): a word decodes to the instruction when it matches its pattern and
    /// none of theirs matches its first bits. The one statement of that rule for the symbolic executor, the checker's
    /// symbolic words and the concrete decoding of witnesses.
    /// </summary>
    public IEnumerable<InstructionDecl> InstructionsTakingWordsOf(InstructionDecl instruction) =>
        Instructions.Where(other => !ReferenceEquals(other, instruction) && other.Encoding.WinsEveryWordOf(instruction.Encoding));
}
