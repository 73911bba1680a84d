namespace Virtualizability.Mips.Reference.Tests;

/// <summary>
/// A small assembly program linked at 0x80000000 with the exception vectors of EBase = 0x80000000 in place:
/// refill at +0x000, general at +0x180, interrupt (Cause.IV = 1) at +0x200, and <c>main</c> at +0x400.
/// A vector with no handler given jumps to <c>halt</c>. The run ends when PC reaches <c>halt</c>.
/// The programs run from the -kernel state (BEV = 1), so a program that expects exceptions clears BEV first.
/// <c>tail</c> is placed after <c>halt</c> (for example user code at <c>.org 0x1000</c>, physical 0x1000).
/// </summary>
public sealed class TestProgram
{
    private TestProgram(ElfImage image, MipsInterpreter interpreter, PhysicalMemory memory)
    {
        Image = image;
        Interpreter = interpreter;
        Memory = memory;
    }

    public ElfImage Image { get; }
    public MipsInterpreter Interpreter { get; }
    public PhysicalMemory Memory { get; }
    public MipsState State => Interpreter.State;
    public List<StepResult> Steps { get; } = [];

    public static TestProgram Build(string main, string? refill = null, string? general = null, string? interrupt = null, string data = "", string tail = "")
    {
        string source = $"""
            .set noreorder
            .set noat
            .text
            .org 0x000
            refill_vector:
            {refill ?? "b halt\n nop"}
            .org 0x180
            general_vector:
            {general ?? "b halt\n nop"}
            .org 0x200
            interrupt_vector:
            {interrupt ?? "b halt\n nop"}
            .org 0x400
            .globl main
            main:
            {main}
            halt:
                b halt
                nop
            {tail}
            .data
            .align 4
            {data}
            """;
        var directory = CrossToolchain.NewWorkDirectory();
        try
        {
            var image = ElfImage.Load(CrossToolchain.AssembleAndLink(source, 0x8000_0000, "main", directory));
            var memory = new PhysicalMemory(64 << 20);
            image.LoadInto(memory);
            var state = MipsState.AfterKernelLoad(image.Entry);
            // Boot firmware (and Linux's local_flush_tlb_all) gives every JTLB entry a distinct kseg0 VPN2 that no
            // mapped access can hit: the 24K machine-checks a TLB write that would duplicate an entry.
            for (int i = 0; i < state.Tlb.Length; i++) state.Tlb[i] = new TlbEntry(0x8000_0000u + 0x2000u * (uint)i, 0, 0, 0);
            return new TestProgram(image, new MipsInterpreter(state, memory), memory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Runs until PC reaches <c>halt</c>; fails the test if that takes more than <paramref name="maxSteps"/>.</summary>
    public TestProgram RunToHalt(int maxSteps = 10_000)
    {
        uint halt = Image.Symbol("halt");
        while (State.Pc != halt)
        {
            if (Steps.Count >= maxSteps)
                throw new Xunit.Sdk.XunitException($"did not reach halt in {maxSteps} steps; last steps:\n" +
                    string.Join("\n", Steps.TakeLast(10)) + "\nstate:\n" + State);
            Steps.Add(Interpreter.Step());
        }
        return this;
    }

    public uint Reg(string name) => State.Gpr[Array.IndexOf(MipsState.RegisterNames, name.TrimStart('$'))];

    public uint Word(uint virtualKseg0Address) => Memory.Read(virtualKseg0Address & 0x1FFF_FFFFu, 4);

    public IEnumerable<ExceptionCode> Exceptions => Steps.Where(s => s.Exception is not null).Select(s => s.Exception!.Value);
}
