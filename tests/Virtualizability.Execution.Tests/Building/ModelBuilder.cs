using System.Collections.Immutable;
using Virtualizability.Isa.Ir;
using static Virtualizability.Execution.Tests.Building.Ir;

namespace Virtualizability.Execution.Tests.Building;

/// <summary>
/// Builds an IsaModel by hand, in declaration order, assigning slots and indices as the binder does.
/// Hooks and roles default to empty blocks, a supervisor predicate of `true`, and no vmmap.
/// </summary>
internal sealed class ModelBuilder(string name)
{
    private readonly List<RegisterDecl> _registers = [];
    private readonly List<MemoryDecl> _memories = [];
    private readonly List<FunctionDecl> _functions = [];
    private readonly List<ExceptionDecl> _exceptions = [];
    private readonly List<InstructionDecl> _instructions = [];
    private int _slots;

    public EncodingKind EncodingKind { get; set; } = EncodingKind.Fixed;
    public int EncodingWidth { get; set; } = 32;
    public FunctionDecl? Fetch { get; set; }
    public Block Reset { get; set; } = Empty;
    public Block Prologue { get; set; } = Empty;
    public Block Epilogue { get; set; } = Empty;
    public Block Undefined { get; set; } = Empty;
    public Expr Supervisor { get; set; } = True;
    public Block EnterUser { get; set; } = Empty;
    public Block EnterSupervisor { get; set; } = Empty;
    public VmMap? VmMap { get; set; }

    public RegisterDecl Register(string registerName, int width, params RegisterField[] fields) => Add(registerName, width, false, 1, [], fields);

    public RegisterDecl File(string registerName, int count, int width, params HardwiredEntry[] hardwired) => Add(registerName, width, true, count, hardwired, []);

    private RegisterDecl Add(string registerName, int width, bool isFile, int count, HardwiredEntry[] hardwired, RegisterField[] fields)
    {
        var register = new RegisterDecl(registerName, width, isFile, count, _slots, [.. hardwired], [.. fields], S);
        _slots += count;
        _registers.Add(register);
        return register;
    }

    public MemoryDecl Memory(string memoryName, int addressWidth, int cellWidth, Endianness endianness)
    {
        var memory = new MemoryDecl(memoryName, addressWidth, cellWidth, endianness, _memories.Count, S);
        _memories.Add(memory);
        return memory;
    }

    /// <summary>A function; <paramref name="body"/> receives its parameters as expressions.</summary>
    public FunctionDecl Function(string functionName, (string Name, int Width)[] parameters, int? returnWidth, Func<LocalExpr[], Block> body)
    {
        var locals = parameters.Select(p => Var(p.Name, p.Width, LocalKind.Parameter)).ToArray();
        var function = new FunctionDecl(functionName, [.. locals], returnWidth is { } w ? IrType.Bits(w) : null, body(locals.Select(L).ToArray()), S);
        _functions.Add(function);
        return function;
    }

    public ExceptionDecl Exception(string exceptionName, (string Name, int Width)[] parameters, Func<LocalExpr[], Block> entry)
    {
        var locals = parameters.Select(p => Var(p.Name, p.Width, LocalKind.Parameter)).ToArray();
        var exception = new ExceptionDecl(exceptionName, [.. locals], entry(locals.Select(L).ToArray()), _exceptions.Count, S);
        _exceptions.Add(exception);
        return exception;
    }

    /// <summary>An instruction; <paramref name="body"/> receives the pattern's fields by name.</summary>
    public InstructionDecl Instruction(string instructionName, string pattern, Func<IReadOnlyDictionary<string, LocalExpr>, Block> body)
    {
        var encoding = PatternText.Parse(pattern);
        var fields = encoding.Fields.ToDictionary(f => f.Name, f => L(f.Local));
        var instruction = new InstructionDecl(instructionName, null, encoding, body(fields), _instructions.Count, S);
        _instructions.Add(instruction);
        return instruction;
    }

    public IsaModel Build(RegisterDecl programCounter, MemoryDecl storage)
    {
        var fetch = Fetch ?? throw new InvalidOperationException("set Fetch before Build");
        var roles = new Roles(programCounter, storage, [], Supervisor, EnterUser, EnterSupervisor, [], []);
        var scheme = new EncodingScheme(EncodingKind, EncodingWidth, fetch)
        {
            MaxLength = _instructions.Count == 0 ? EncodingWidth : _instructions.Max(i => i.Encoding.Length),
        };
        return new IsaModel(name, name, "<test>", ImmutableArray<ConstantDecl>.Empty, [.. _registers], [.. _memories], [.. _functions],
            [.. _exceptions], [.. _instructions], scheme, Reset, Prologue, Epilogue, Undefined, roles, VmMap);
    }
}
