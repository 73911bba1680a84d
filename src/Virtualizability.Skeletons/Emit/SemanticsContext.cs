using Virtualizability.Isa.Ir;

namespace Virtualizability.Skeletons.Emit;

/// <summary>
/// How spec names appear in the generated C#: registers and memories as members of the generated state object
/// (<c>State.G[...]</c>), functions as methods of the virtual CPU, exceptions as members of the GuestException enum.
/// </summary>
internal sealed class SemanticsContext
{
    /// <summary>Members of the generated VirtualCpu class; a spec function of the same name gets a suffix.</summary>
    public static readonly IReadOnlySet<string> CpuMembers = new HashSet<string>
    {
        "State", "Step", "Deliver", "Reset", "EnterUser", "EnterSupervisor", "IsSupervisor", "IsUser", "IsHalted",
        "LastInstruction", "Prologue", "Epilogue", "Undefined", "Execute", "Decode", "Relocate", "FetchWord", "Bits",
        "GuestTrap", "GuestHalt", "GuestException", "VirtualCpu", "VirtualState", "StepOutcome", "Resume",
        "ResetBlock", "SupervisorWhen", "UserWhen", "Enter", "DecodeAndExecute", "InstructionBytes", "word", "bytes", "trap",
    };

    private readonly Dictionary<FunctionDecl, string> _functions = new();

    public SemanticsContext(IsaModel model)
    {
        Model = model;
        // The generated methods of instructions and exceptions are members too: a function named Execute_ADD or
        // Enter_Overflow, with the same parameters, was a second definition of the routine or entry.
        var used = new HashSet<string>(CpuMembers);
        used.UnionWith(model.Instructions.Select(Routine));
        used.UnionWith(model.Exceptions.Select(Entry));
        foreach (var function in model.Functions)
        {
            var name = Names.Identifier(function.Name);
            while (!used.Add(name)) name += "_";
            _functions[function] = name;
        }
    }

    public IsaModel Model { get; }

    /// <summary>The C# names of the spec's functions, which no local may take (it would hide the method it calls).</summary>
    public IEnumerable<string> FunctionNames => _functions.Values;

    /// <summary>The method that interprets an instruction.</summary>
    public static string Routine(InstructionDecl instruction) => "Execute_" + Names.Identifier(instruction.Name).TrimStart('@');

    /// <summary>The method that runs an exception's entry block.</summary>
    public static string Entry(ExceptionDecl exception) => "Enter_" + Names.Identifier(exception.Name).TrimStart('@');

    public string Function(FunctionDecl function) => _functions[function];

    public static string Register(RegisterDecl register) => "State." + Names.Member(register.Name);

    public static string Memory(MemoryDecl memory) => "State." + Names.Member(memory.Name);

    public static string Exception(ExceptionDecl exception) => "GuestException." + Names.Identifier(exception.Name);

    public static string ClrType(IrType type) => type.IsBool ? "bool" : "ulong";

    public static string Default(IrType type) => type.IsBool ? "false" : "0x0UL";

    /// <summary>True when the index type cannot express an out-of-range entry (a 3-bit index into an 8-entry file).</summary>
    public static bool IndexAlwaysInRange(RegisterDecl register, Expr index) =>
        index.Type.Width < 31 && (1L << index.Type.Width) <= register.Count;
}
