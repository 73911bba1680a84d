namespace Virtualizability.Mips.Reference.Tests;

/// <summary>
/// A few instructions assembled at kseg0 0x80001000 (physical 0x1000) into fresh memory, with a state the
/// test prepares directly; for checking one rule at a time from a precise starting state.
/// </summary>
public sealed class Snippet
{
    public const uint Address = 0x8000_1000;

    private Snippet(MipsInterpreter interpreter, PhysicalMemory memory)
    {
        Interpreter = interpreter;
        Memory = memory;
    }

    public MipsInterpreter Interpreter { get; }
    public PhysicalMemory Memory { get; }
    public MipsState State => Interpreter.State;

    public static Snippet Assemble(string instructions, MipsState? state = null)
    {
        var directory = CrossToolchain.NewWorkDirectory();
        try
        {
            var bytes = CrossToolchain.AssembleToBinary(
                ".set noreorder\n.set noat\n.set nomacro\n.text\n" + instructions + "\n", Address, directory);
            var memory = new PhysicalMemory(16 << 20);
            memory.Load(Address & 0x1FFF_FFFFu, bytes);
            state ??= MipsState.AfterKernelLoad(Address);
            state.JumpTo(Address);
            return new Snippet(new MipsInterpreter(state, memory), memory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public StepResult Step() => Interpreter.Step();

    public Snippet Steps(int count)
    {
        for (int i = 0; i < count; i++) Interpreter.Step();
        return this;
    }
}
