using System.Linq.Expressions;
using Virtualizability.Isa.Ir;
using E = System.Linq.Expressions.Expression;

namespace Virtualizability.Execution.Compilation;

/// <summary>
/// Keeps compiled methods small enough for the JIT to optimize them. The JIT compiles a method with minimal
/// optimization (no register allocation of locals, no CSE) once it exceeds fixed limits (60,000 bytes of IL,
/// 2,000 basic blocks, 2,000 locals ...); a fused run loop with every call inlined everywhere crosses them easily.
///
/// So large functions are not inlined: each becomes a method of its own (a <see cref="FrameAction"/> whose arguments
/// arrive in <see cref="ExecutionFrame.CallArguments"/> and whose value leaves in <see cref="ExecutionFrame.Result"/>),
/// called where the source calls it. Likewise the run loop inlines an instruction body only when it is small and
/// calls the separately compiled body otherwise. The decision depends only on the sizes of the IR, never on the ISA.
/// </summary>
internal sealed class Outlining
{
    /// <summary>A function whose inlined size (callees expanded) exceeds this is compiled as a method of its own.</summary>
    public const int FunctionLimit = 120;

    /// <summary>The run loop inlines instruction bodies up to this size (outlined calls counted as small).</summary>
    public const int InstructionLimit = 160;

    /// <summary>The run loop inlines instruction bodies until their sizes add up to this; the rest are called.</summary>
    public const int InstructionBudget = 9000;

    private readonly IsaModel _model;
    private readonly Dictionary<FunctionDecl, int> _inlinedSize = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<FunctionDecl, FrameAction> _compiled = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<FunctionDecl> _compiling = new(ReferenceEqualityComparer.Instance);
    // Instruction bodies compile lazily, maybe on several threads at once; one lock (reentrant) guards the tables.
    private readonly Lock _lock = new();

    public Outlining(IsaModel model)
    {
        _model = model;
        MaxArguments = model.Functions.Length == 0 ? 0 : model.Functions.Max(f => f.Parameters.Length);
        foreach (var function in model.Functions) InlinedSize(function);
    }

    public int MaxArguments { get; }

    /// <summary>True when calls of <paramref name="function"/> call its own compiled method instead of inlining it.</summary>
    public bool IsOutlined(FunctionDecl function)
    {
        lock (_lock) return !_compiling.Contains(function) && InlinedSize(function) > FunctionLimit;
    }

    /// <summary>The compiled method of an outlined function (compiled on first use).</summary>
    public FrameAction Compiled(FunctionDecl function)
    {
        lock (_lock) return CompileLocked(function);
    }

    private FrameAction CompileLocked(FunctionDecl function)
    {
        if (_compiled.TryGetValue(function, out var action)) return action;
        _compiling.Add(function);
        try
        {
            action = LambdaFactory.Compile<FrameAction>(_model, "fn_" + function.Name, [], (emitter, body, _) =>
            {
                var arguments = E.Field(emitter.Frame, nameof(ExecutionFrame.CallArguments));
                System.Collections.Immutable.ImmutableArray<Expr> parameters = [.. function.Parameters.Select(p => (Expr)new LocalExpr(p, p.Span))];
                var bind = (List<E> output) =>
                {
                    for (var i = 0; i < function.Parameters.Length; i++)
                    {
                        var parameter = function.Parameters[i];
                        E value = E.ArrayIndex(arguments, E.Constant(i));
                        if (parameter.Type.IsBool) value = E.NotEqual(value, E.Constant(0UL));
                        output.Add(E.Assign(emitter.Bind(parameter), value));
                    }
                };
                if (function.ReturnType is null)
                {
                    emitter.EmitTopLevel(new Block([new CallStmt(function, parameters, function.Span)], function.Span), body, bind);
                    return;
                }
                // The body is inlined here (its own outlining is switched off while compiling it).
                var value = emitter.EmitTopLevelValue(new CallExpr(function, parameters, function.Span), body, bind);
                if (value.Type == typeof(bool)) value = E.Condition(value, E.Constant(1UL), E.Constant(0UL));
                body.Add(E.Assign(E.Field(emitter.Frame, nameof(ExecutionFrame.Result)), value));
            }, this);
        }
        finally
        {
            _compiling.Remove(function);
        }
        _compiled[function] = action;
        return action;
    }

    /// <summary>The size of a function inlined (its outlined callees counted as calls).</summary>
    public int InlinedSize(FunctionDecl function)
    {
        lock (_lock) return InlinedSizeLocked(function);
    }

    private int InlinedSizeLocked(FunctionDecl function)
    {
        if (_inlinedSize.TryGetValue(function, out var size)) return size;
        _inlinedSize[function] = int.MaxValue / 4; // a (not supported) recursive call counts as huge
        size = 1 + Size(function.Body);
        _inlinedSize[function] = size;
        return size;
    }

    /// <summary>The size of IR as emitted, roughly in expression nodes: outlined calls count as a call, inlined ones with their body.</summary>
    public int Size(Stmt statement) => statement switch
    {
        Block block => block.Statements.Sum(s => Size(s)),
        LetStmt let => 1 + Size(let.Value),
        AssignLocalStmt assign => 1 + Size(assign.Value),
        RegisterWriteStmt write => (write.Index is null ? 1 : 4 + Size(write.Index)) + Size(write.Value),
        MemoryWriteStmt write => 2 + Size(write.Address) + Size(write.Value),
        IfStmt conditional => 2 + Size(conditional.Condition) + Size(conditional.Then) + Size(conditional.Else),
        TrapStmt trap => 2 + trap.Arguments.Sum(a => 1 + Size(a)),
        ReturnStmt ret => 1 + (ret.Value is null ? 0 : Size(ret.Value)),
        CallStmt call => CallSize(call.Function, call.Arguments),
        _ => 1,
    };

    public int Size(Expr expr) => expr switch
    {
        RegisterReadExpr r => r.Index is null ? 1 : 3 + Size(r.Index),
        MemoryReadExpr m => 2 + Size(m.Address),
        UnaryExpr u => 1 + Size(u.Operand),
        BinaryExpr b => 1 + Size(b.Left) + Size(b.Right),
        ExtractExpr x => 1 + Size(x.Operand),
        ConcatExpr c => 1 + Size(c.High) + Size(c.Low),
        ZeroExtendExpr z => Size(z.Operand),
        SignExtendExpr s => 2 + Size(s.Operand),
        BoolToBitsExpr b => 1 + Size(b.Operand),
        IfExpr i => 2 + Size(i.Condition) + Size(i.Then) + Size(i.Else),
        CallExpr c => CallSize(c.Function, c.Arguments),
        _ => 1,
    };

    private int CallSize(FunctionDecl function, IReadOnlyList<Expr> arguments)
    {
        var size = arguments.Sum(a => 1 + Size(a));
        var inlined = InlinedSize(function);
        return size + (inlined > FunctionLimit ? 4 : inlined);
    }
}
