using System.Linq.Expressions;
using Virtualizability.Execution.Compilation;
using Virtualizability.Execution.Decoding;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Execution;

/// <summary>
/// An ISA compiled once for execution: its decoder and every piece of its semantics as delegates built with
/// System.Linq.Expressions. Immutable and shareable by any number of machines (each has its own state).
/// Instruction bodies used outside the run loop (single-instruction execution, byte encodings) are compiled
/// on first use, so compiling a large ISA stays cheap.
/// </summary>
public sealed class CompiledIsa
{
    private readonly DecodeNode? _decodeTree;
    private readonly ByteDecoder? _byteDecoder;
    private readonly Lazy<InstructionAction>[] _bodies;
    private readonly InstructionDecl?[] _instructionsByIndex;
    private readonly ExceptionDecl?[] _exceptionsByIndex;
    private readonly FrameAction[] _exceptionEntries;
    private readonly Outlining _outlining;

    private CompiledIsa(IsaModel model)
    {
        Model = model;
        _instructionsByIndex = new InstructionDecl?[model.Instructions.Length == 0 ? 0 : model.Instructions.Max(i => i.Index) + 1];
        foreach (var instruction in model.Instructions) _instructionsByIndex[instruction.Index] = instruction;
        _exceptionsByIndex = new ExceptionDecl?[model.Exceptions.Length == 0 ? 0 : model.Exceptions.Max(e => e.Index) + 1];
        _exceptionEntries = new FrameAction[_exceptionsByIndex.Length];
        MaxTrapArguments = model.Exceptions.Length == 0 ? 0 : model.Exceptions.Max(e => e.Parameters.Length);
        _outlining = new Outlining(model);

        Reset = LambdaFactory.Block(model, "reset", model.Reset, outlining: _outlining);
        Prologue = LambdaFactory.Block(model, "prologue", model.Prologue, outlining: _outlining);
        Epilogue = LambdaFactory.Block(model, "epilogue", model.Epilogue, outlining: _outlining);
        Undefined = LambdaFactory.Block(model, "undefined", model.Undefined, outlining: _outlining);
        EnterUserAction = LambdaFactory.Block(model, "enter_user", model.Roles.EnterUser, outlining: _outlining);
        EnterSupervisorAction = LambdaFactory.Block(model, "enter_supervisor", model.Roles.EnterSupervisor, outlining: _outlining);
        SupervisorPredicate = LambdaFactory.Value(model, "supervisor", model.Roles.Supervisor);
        UserPredicate = model.Roles.UserPredicate is { } user ? LambdaFactory.Value(model, "user", user) : null;
        foreach (var exception in model.Exceptions)
        {
            _exceptionsByIndex[exception.Index] = exception;
            _exceptionEntries[exception.Index] = LambdaFactory.Block(model, "entry_" + exception.Name, exception.Entry, (emitter, output) =>
            {
                var arguments = Expression.Field(emitter.Frame, nameof(ExecutionFrame.TrapArguments));
                for (var i = 0; i < exception.Parameters.Length; i++)
                    output.Add(Expression.Assign(emitter.Bind(exception.Parameters[i]), Expression.ArrayIndex(arguments, Expression.Constant(i))));
            }, _outlining);
        }
        if (model.VmMap is { } map)
        {
            VmMapBody = LambdaFactory.Block(model, "vmmap_" + map.Name, map.Body, (emitter, output) => LambdaFactory.BindFromResult(emitter, output, map.Offset));
            VmMapMoveBy = LambdaFactory.Value(model, "vmmap_move_" + map.Name, map.MoveBy, (emitter, output) => LambdaFactory.BindFromResult(emitter, output, map.Offset));
        }

        _bodies = new Lazy<InstructionAction>[_instructionsByIndex.Length];
        foreach (var instruction in model.Instructions)
            _bodies[instruction.Index] = new Lazy<InstructionAction>(() => InstructionCompiler.Compile(model, instruction, _outlining));

        if (model.Encoding.Kind == EncodingKind.Fixed)
        {
            if (model.Encoding.Width > 64) throw new NotSupportedException($"fixed encodings wider than 64 bits are not supported ({model.Encoding.Width})");
            // A pattern shorter than the word would silently match with its top bits unchecked.
            var misfits = model.Instructions.Where(i => i.Encoding.Length != model.Encoding.Width).Select(i => $"{i.Name} ({i.Encoding.Length} bits)").ToList();
            if (misfits.Count > 0)
                throw new ArgumentException($"{model.Name}: fixed {model.Encoding.Width}-bit encoding, but these patterns have other lengths: {string.Join(", ", misfits)}", nameof(model));
            _decodeTree = DecodeTreeBuilder.Build(model.Instructions, model.Encoding.Width);
            // Compiled on first use: the run loop of a large ISA costs much to compile, and the analysis's replays
            // (ExecuteInstruction, one instruction at a time) never run it.
            var tree = _decodeTree;
            var loop = new Lazy<RunLoop>(() => FixedRunLoopCompiler.Compile(model, tree, _outlining, instruction => Body(instruction)));
            RunLoop = (frame, maxSteps) => loop.Value(frame, maxSteps);
            var fetchWord = new Lazy<FrameAction>(() => LambdaFactory.Value(model, "fetch", new CallExpr(model.Encoding.Fetch, [], SourceSpan.None)));
            Fetch = frame => fetchWord.Value(frame);
        }
        else
        {
            _byteDecoder = new ByteDecoder(model.Instructions);
            var fetch = CompileByteFetch(model);
            RunLoop = new ByteRunLoop(this, _byteDecoder, fetch).Run;
        }
    }

    public static CompiledIsa Compile(IsaModel model) => new(model);

    public IsaModel Model { get; }

    public int MaxTrapArguments { get; }

    /// <summary>Slots for the arguments of outlined function calls (see <see cref="Outlining"/>).</summary>
    public int MaxCallArguments => _outlining.MaxArguments;

    public FrameAction Reset { get; }
    public FrameAction Prologue { get; }
    public FrameAction Epilogue { get; }
    public FrameAction Undefined { get; }
    public FrameAction EnterUserAction { get; }
    public FrameAction EnterSupervisorAction { get; }

    /// <summary>Stores 1 in the frame's Result when the state counts as supervisor mode.</summary>
    public FrameAction SupervisorPredicate { get; }

    /// <summary>Stores 1 in the frame's Result when the state counts as user mode; null when the spec has no `user when` (user = not supervisor).</summary>
    public FrameAction? UserPredicate { get; }

    /// <summary>The VM map's statements, with the offset taken from the frame's Result; null without a vmmap.</summary>
    public FrameAction? VmMapBody { get; }

    /// <summary>The distance storage moves by, computed from the offset in the frame's Result.</summary>
    public FrameAction? VmMapMoveBy { get; }

    /// <summary>
    /// The fixed-width fetch alone: the instruction word into <see cref="ExecutionFrame.Result"/>, or a trap status.
    /// Compiled on first use. Byte encodings fetch per byte while decoding and have no word fetch.
    /// </summary>
    public FrameAction Fetch { get; } = _ => throw new InvalidOperationException("a byte encoding has no word fetch; use DecodeBytes");

    /// <summary>The fused fetch-decode-execute loop.</summary>
    public RunLoop RunLoop { get; }

    public InstructionAction Body(InstructionDecl instruction) => _bodies[instruction.Index].Value;

    public FrameAction ExceptionEntry(ExceptionDecl exception) => _exceptionEntries[exception.Index];

    public InstructionDecl InstructionAt(int index) => _instructionsByIndex[index] ?? throw new ArgumentOutOfRangeException(nameof(index));

    public ExceptionDecl ExceptionAt(int index) => _exceptionsByIndex[index] ?? throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Decodes a fixed-width instruction word: the most specific matching instruction, or null (undefined).</summary>
    public InstructionDecl? Decode(UInt128 word)
    {
        if (_decodeTree is null) throw new InvalidOperationException($"{Model.Name} uses a byte encoding: use DecodeBytes");
        return DecodeTreeBuilder.Decode(_decodeTree, (ulong)word);
    }

    /// <summary>
    /// Decodes a byte-encoded instruction from its bytes: the instruction and its word (first byte most significant,
    /// as patterns number bits), or null when no pattern matches the bytes given.
    /// </summary>
    public (InstructionDecl Instruction, UInt128 Word)? DecodeBytes(ReadOnlySpan<byte> bytes)
    {
        if (_byteDecoder is null) throw new InvalidOperationException($"{Model.Name} uses a fixed encoding: use Decode");
        var source = new ByteDecoder.SpanSource(bytes);
        return _byteDecoder.Decode(ref source, out var instruction, out var word) == ByteDecoder.Outcome.Decoded
            ? (instruction!, word)
            : null;
    }

    private static ByteFetch CompileByteFetch(IsaModel model)
    {
        var offset = Expression.Parameter(typeof(ulong), "offset");
        var fetch = model.Encoding.Fetch;
        if (fetch.Parameters.Length != 1) throw new NotSupportedException("a byte encoding's fetch takes exactly one parameter, the byte offset");
        return LambdaFactory.Compile<ByteFetch>(model, "fetch", [offset], (emitter, body, _) =>
        {
            var offsetLocal = new Local("offset", fetch.Parameters[0].Type, LocalKind.Parameter, SourceSpan.None);
            var call = new CallExpr(fetch, [new LocalExpr(offsetLocal, SourceSpan.None)], SourceSpan.None);
            var value = emitter.EmitTopLevelValue(call, body, output =>
                output.Add(Expression.Assign(emitter.Bind(offsetLocal), SemanticsEmitter.Mask(offset, offsetLocal.Type.Width))));
            body.Add(Expression.Assign(Expression.Field(emitter.Frame, nameof(ExecutionFrame.Result)), value));
        });
    }
}
