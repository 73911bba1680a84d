using System.Linq.Expressions;
using System.Reflection;
using Virtualizability.Isa.Ir;
using E = System.Linq.Expressions.Expression;

namespace Virtualizability.Execution.Compilation;

/// <summary>
/// Turns IR statements and expressions into System.Linq.Expressions for one lambda.
///
/// Calls are inlined. Because an inlined function may trap, and a trap leaves the lambda with a jump, every
/// call is hoisted out of its expression into statements that run before it ("pre" lists): a jump then never
/// happens with values on the evaluation stack. Operands evaluated before a call are spilled into temporaries
/// first, so evaluation order is the source order. Expressions without calls stay as trees.
///
/// Invariant: every compiled bits(N) value is a ulong below 2^N, so writes need no masking.
/// </summary>
internal sealed partial class SemanticsEmitter
{
    private readonly List<ParameterExpression> _variables = [];
    private readonly List<Dictionary<Local, ParameterExpression>> _scopes = [[]];
    private readonly Stack<(LabelTarget End, ParameterExpression? Result)> _returnTargets = new();
    private readonly Dictionary<Expr, bool> _containsCall = new(ReferenceEqualityComparer.Instance);
    private readonly ParameterExpression _registers = E.Variable(typeof(ulong[]), "regs");
    private readonly ParameterExpression[] _memories;
    private readonly Func<int, E> _exit;
    private readonly Outlining? _outlining;

    /// <param name="frame">The lambda's ExecutionFrame parameter.</param>
    /// <param name="exit">Builds the jump that leaves the lambda with a status (trap or halt).</param>
    /// <param name="outlining">Decides which functions are called instead of inlined; null inlines every call.</param>
    public SemanticsEmitter(IsaModel model, ParameterExpression frame, Func<int, E> exit, Outlining? outlining = null)
    {
        _outlining = outlining;
        Model = model;
        Frame = frame;
        _exit = exit;
        _memories = model.Memories.Select(m => E.Variable(typeof(MemoryStorage), "mem_" + m.Name)).ToArray();
    }

    public IsaModel Model { get; }

    public ParameterExpression Frame { get; }

    /// <summary>A statement that runs before every trap or halt exit emitted while it is set (null: none).</summary>
    public E? ExitPrefix { get; set; }

    private E Exit(int status) => ExitPrefix is null ? _exit(status) : E.Block(typeof(void), ExitPrefix, _exit(status));

    /// <summary>Statements run on every way out of the lambda (after a trap, a halt or a normal end), before it returns.</summary>
    public List<E> AtExit { get; } = [];

    /// <summary>Every variable the emitted code uses, to be declared by the lambda's outer block.</summary>
    public IEnumerable<ParameterExpression> Variables => _variables.Append(_registers).Concat(_memories).Concat(_byteArrays.Values).Concat(_limits.Values);

    /// <summary>Loads the frame's arrays into locals once, so the hot code indexes locals.</summary>
    public IEnumerable<E> Prelude()
    {
        yield return E.Assign(_registers, E.Field(Frame, nameof(ExecutionFrame.Registers)));
        var memories = E.Field(Frame, nameof(ExecutionFrame.Memories));
        for (var i = 0; i < _memories.Length; i++) yield return E.Assign(_memories[i], E.ArrayIndex(memories, E.Constant(i)));
        foreach (var load in LoadFastPaths()) yield return load;
    }

    public ParameterExpression NewTemp(Type type, string name = "t")
    {
        if (_region is { } region)
        {
            if (!_free.TryGetValue(type, out var pool)) _free[type] = pool = new Stack<ParameterExpression>();
            var reused = pool.Count > 0 ? pool.Pop() : null;
            if (reused is null)
            {
                reused = E.Variable(type, name);
                _variables.Add(reused);
            }
            region.Add(reused);
            return reused;
        }
        var variable = E.Variable(type, name);
        _variables.Add(variable);
        return variable;
    }

    private List<ParameterExpression>? _region;
    private readonly Dictionary<Type, Stack<ParameterExpression>> _free = [];

    /// <summary>
    /// Starts a region of code (one instruction body of the run loop) whose temporaries are dead after it: the next
    /// region reuses them. Every temporary is assigned before it is read within its region, so sharing variables
    /// between disjoint regions is safe, and it keeps the method under the JIT's limits on locals (which also
    /// decide whether it inlines calls and enregisters locals at all).
    /// </summary>
    public void BeginRegion() => _region = [];

    public void EndRegion()
    {
        foreach (var variable in _region!) _free[variable.Type].Push(variable);
        _region = null;
    }

    public static Type ClrType(IrType type) => type.IsBool ? typeof(bool) : typeof(ulong);

    /// <summary>Creates the variable of a local in the innermost scope.</summary>
    public ParameterExpression Bind(Local local)
    {
        var variable = NewTemp(ClrType(local.Type), local.Name);
        _scopes[^1][local] = variable;
        return variable;
    }

    /// <summary>
    /// Emits a top-level block (a hook, an instruction body, an exception entry) whose `return` ends the block.
    /// Locals bound by <paramref name="bindings"/> are visible in it.
    /// </summary>
    public void EmitTopLevel(Block block, List<E> output, Action<List<E>>? bindings = null)
    {
        _scopes.Add([]);
        var end = E.Label("end_block");
        _returnTargets.Push((end, null));
        bindings?.Invoke(output);
        EmitBlock(block, output);
        output.Add(E.Label(end));
        _returnTargets.Pop();
        _scopes.RemoveAt(_scopes.Count - 1);
    }

    /// <summary>Emits a value expression at top level, with optional bindings; its pre-statements go to <paramref name="output"/>.</summary>
    public E EmitTopLevelValue(Expr expr, List<E> output, Action<List<E>>? bindings = null)
    {
        _scopes.Add([]);
        bindings?.Invoke(output);
        var value = EmitValue(expr, output);
        _scopes.RemoveAt(_scopes.Count - 1);
        return value;
    }

    public static E Sequence(List<E> statements) => statements.Count == 0 ? E.Empty() : E.Block(typeof(void), statements);

    // ---------------- statements ----------------

    public void EmitBlock(Block block, List<E> output)
    {
        foreach (var statement in block.Statements) EmitStatement(statement, output);
    }

    private void EmitStatement(Stmt statement, List<E> output)
    {
        switch (statement)
        {
            case Block block:
                EmitBlock(block, output);
                break;
            case LetStmt let:
            {
                var value = EmitValue(let.Value, output);
                output.Add(E.Assign(Bind(let.Local), value));
                break;
            }
            case AssignLocalStmt assign:
            {
                var value = EmitValue(assign.Value, output);
                output.Add(E.Assign(Lookup(assign.Local), value));
                break;
            }
            case RegisterWriteStmt write:
                EmitRegisterWrite(write, output);
                break;
            case MemoryWriteStmt write:
            {
                var operands = EmitOperands([write.Address, write.Value], output);
                output.Add(MemoryWrite(write.Memory, write.Cells, operands[0], operands[1]));
                break;
            }
            case IfStmt conditional:
            {
                var condition = EmitValue(conditional.Condition, output);
                var then = new List<E>();
                EmitBlock(conditional.Then, then);
                var otherwise = new List<E>();
                EmitBlock(conditional.Else, otherwise);
                output.Add(otherwise.Count == 0
                    ? E.IfThen(condition, Sequence(then))
                    : E.IfThenElse(condition, Sequence(then), Sequence(otherwise)));
                break;
            }
            case TrapStmt trap:
            {
                var arguments = EmitOperands(trap.Arguments, output);
                var slots = E.Field(Frame, nameof(ExecutionFrame.TrapArguments));
                for (var i = 0; i < arguments.Length; i++)
                    output.Add(E.Assign(E.ArrayAccess(slots, E.Constant(i)), arguments[i]));
                output.Add(E.Assign(E.Field(Frame, nameof(ExecutionFrame.TrapIndex)), E.Constant(trap.Exception.Index)));
                output.Add(Exit(ExecutionFrame.StatusTrap));
                break;
            }
            case HaltStmt:
                output.Add(Exit(ExecutionFrame.StatusHalt));
                break;
            case ReturnStmt ret:
            {
                var (end, result) = _returnTargets.Peek();
                if (ret.Value is { } value && result is not null) output.Add(E.Assign(result, EmitValue(value, output)));
                output.Add(E.Goto(end));
                break;
            }
            case CallStmt call:
                Inline(call.Function, call.Arguments, output);
                break;
            default:
                throw new NotSupportedException($"{statement.Span}: statement {statement.GetType().Name} is not executable");
        }
    }

    private void EmitRegisterWrite(RegisterWriteStmt write, List<E> output)
    {
        var register = write.Register;
        if (write.Index is null)
        {
            output.Add(WriteSlot(register.Slot, null, EmitValue(write.Value, output)));
            return;
        }
        var operands = EmitOperands([write.Index, write.Value], output);
        var (index, value) = (operands[0], operands[1]);
        if (index is ConstantExpression { Value: ulong constant })
        {
            // Unrolled loops and literal indices: decide at compile time.
            if (constant < (ulong)register.Count && register.Hardwired.All(h => (ulong)h.Index != constant))
                output.Add(WriteSlot(register.Slot + (int)constant, null, value));
            return;
        }
        if (index is not ParameterExpression)
        {
            var temp = NewTemp(typeof(ulong), "index");
            output.Add(E.Assign(temp, index));
            index = temp;
        }
        E? allowed = IndexAlwaysInRange(register, write.Index) ? null : E.LessThan(index, E.Constant((ulong)register.Count));
        foreach (var hardwired in register.Hardwired)
        {
            var notHardwired = E.NotEqual(index, E.Constant((ulong)hardwired.Index));
            allowed = allowed is null ? notHardwired : E.AndAlso(allowed, notHardwired);
        }
        if (allowed is null)
        {
            output.Add(WriteSlot(register.Slot, index, value));
            return;
        }
        // The value is computed before the range test, as its evaluation may read state in source order.
        var valueTemp = NewTemp(typeof(ulong), "value");
        output.Add(E.Assign(valueTemp, value));
        output.Add(E.IfThen(allowed, WriteSlot(register.Slot, index, valueTemp)));
    }

    // ---------------- calls ----------------

    /// <summary>Inlines a call: arguments are evaluated (in order) into fresh parameter variables, then the body runs.</summary>
    private ParameterExpression? Inline(FunctionDecl function, IReadOnlyList<Expr> arguments, List<E> output)
    {
        var values = EmitOperands(arguments, output);
        if (_outlining is { } outlining && outlining.IsOutlined(function)) return CallOutlined(outlining, function, values, output);
        var scope = new Dictionary<Local, ParameterExpression>();
        for (var i = 0; i < values.Length; i++)
        {
            // Parameters are values at call time: the body may change the state an argument read.
            var parameter = NewTemp(ClrType(function.Parameters[i].Type), function.Parameters[i].Name);
            output.Add(E.Assign(parameter, values[i]));
            scope[function.Parameters[i]] = parameter;
        }
        var result = function.ReturnType is { } type ? NewTemp(ClrType(type), function.Name + "_result") : null;
        if (result is not null) output.Add(E.Assign(result, E.Default(result.Type)));
        var end = E.Label("end_" + function.Name);
        _scopes.Add(scope);
        _returnTargets.Push((end, result));
        EmitBlock(function.Body, output);
        output.Add(E.Label(end));
        _returnTargets.Pop();
        _scopes.RemoveAt(_scopes.Count - 1);
        return result;
    }

    /// <summary>Calls a separately compiled instruction body; its trap or halt leaves this lambda too.</summary>
    public void EmitCall(InstructionAction action, E word, List<E> output) =>
        ExitOnStatus(E.Invoke(E.Constant(action), Frame, word, E.Constant(0UL)), output);

    private void ExitOnStatus(E call, List<E> output)
    {
        var status = NewTemp(typeof(int), "call_status");
        output.Add(E.Assign(status, call));
        output.Add(E.IfThen(E.NotEqual(status, E.Constant(ExecutionFrame.StatusContinue)),
            E.IfThenElse(E.Equal(status, E.Constant(ExecutionFrame.StatusTrap)), Exit(ExecutionFrame.StatusTrap), Exit(ExecutionFrame.StatusHalt))));
    }

    /// <summary>Calls an outlined function's method: arguments through the frame, a trap or halt leaves this lambda too.</summary>
    private ParameterExpression? CallOutlined(Outlining outlining, FunctionDecl function, E[] values, List<E> output)
    {
        var slots = E.Field(Frame, nameof(ExecutionFrame.CallArguments));
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i].Type == typeof(bool) ? E.Condition(values[i], E.Constant(1UL), E.Constant(0UL)) : values[i];
            output.Add(E.Assign(E.ArrayAccess(slots, E.Constant(i)), value));
        }
        ExitOnStatus(E.Invoke(E.Constant(outlining.Compiled(function)), Frame), output);
        if (function.ReturnType is not { } type) return null;
        var result = NewTemp(ClrType(type), function.Name + "_result");
        var raw = E.Field(Frame, nameof(ExecutionFrame.Result));
        output.Add(E.Assign(result, type.IsBool ? E.NotEqual(raw, E.Constant(0UL)) : raw));
        return result;
    }

    private readonly Dictionary<FunctionDecl, bool> _pure = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// True for a function whose body is one `return` of an expression without (impure) calls: `fn user_mode() : bool = ...`.
    /// Such a call is compiled as an expression in place (arguments bound, then the value), not hoisted into statements,
    /// so that conditions built from it compile to plain branches. It can neither trap nor write state.
    /// </summary>
    private bool IsPureExpression(FunctionDecl function)
    {
        if (_pure.TryGetValue(function, out var known)) return known;
        _pure[function] = false; // recursion (not supported anyway) is not pure
        var pure = function.ReturnType is not null
                   && function.Body.Statements is [ReturnStmt { Value: { } value }]
                   && !(_outlining?.IsOutlined(function) ?? false)
                   && !ContainsCall(value);
        _pure[function] = pure;
        return pure;
    }

    /// <summary>A call of a pure expression function as an expression: its arguments (call-free) bound to its parameters, then its value.</summary>
    private E PureCall(CallExpr call, List<E> output)
    {
        var function = call.Function;
        var scope = new Dictionary<Local, ParameterExpression>();
        var assignments = new List<E>();
        for (var i = 0; i < call.Arguments.Length; i++)
        {
            var value = EmitValue(call.Arguments[i], output);
            // A local stays unchanged while an expression is evaluated, so it can stand for the parameter itself.
            if (value is ParameterExpression local) { scope[function.Parameters[i]] = local; continue; }
            var parameter = NewTemp(ClrType(function.Parameters[i].Type), function.Parameters[i].Name);
            assignments.Add(E.Assign(parameter, value));
            scope[function.Parameters[i]] = parameter;
        }
        _scopes.Add(scope);
        var result = EmitValue(((ReturnStmt)function.Body.Statements[0]).Value!, output);
        _scopes.RemoveAt(_scopes.Count - 1);
        if (assignments.Count == 0) return result;
        assignments.Add(result);
        return E.Block(result.Type, assignments);
    }

    private ParameterExpression Lookup(Local local)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
            if (_scopes[i].TryGetValue(local, out var variable)) return variable;
        throw new InvalidOperationException($"{local.Span}: local {local.Name} is used outside its scope");
    }

    private bool ContainsCall(Expr expr)
    {
        if (_containsCall.TryGetValue(expr, out var known)) return known;
        // A call of a pure expression function is not a call here: it compiles in place (see IsPureExpression).
        var result = expr is CallExpr c && !IsPureExpression(c.Function) || ExprOperands.Of(expr).Any(ContainsCall);
        _containsCall[expr] = result;
        return result;
    }

    /// <summary>
    /// Compiles operands left to right. Operands before the last one containing a call are spilled into temporaries,
    /// so that they are evaluated before that call's effects, as in the source.
    /// </summary>
    private E[] EmitOperands(IReadOnlyList<Expr> operands, List<E> output)
    {
        var lastCall = -1;
        for (var i = 0; i < operands.Count; i++)
            if (ContainsCall(operands[i])) lastCall = i;
        var result = new E[operands.Count];
        for (var i = 0; i < operands.Count; i++)
        {
            var value = EmitValue(operands[i], output);
            if (i < lastCall && value is not ConstantExpression and not ParameterExpression)
            {
                var temp = NewTemp(value.Type);
                output.Add(E.Assign(temp, value));
                value = temp;
            }
            result[i] = value;
        }
        return result;
    }

    // ---------------- state access ----------------

    // Register slots are read and written without array bounds checks: every slot the model declares lies in the
    // state's array (MachineState allocates IsaModel.StateSlots), and indices reach here in range (constants below
    // Count, indices whose type cannot exceed Count, or indices tested against Count first).
    private static readonly MethodInfo LoadSlot = typeof(RegisterAccess).GetMethod(nameof(RegisterAccess.Load))!;
    private static readonly MethodInfo StoreSlot = typeof(RegisterAccess).GetMethod(nameof(RegisterAccess.Store))!;

    /// <summary>Slot <paramref name="slot"/> + <paramref name="index"/> (a ulong; null for 0).</summary>
    private E ReadSlot(int slot, E? index = null) => E.Call(LoadSlot, _registers, E.Constant(slot), index ?? E.Constant(0UL));

    private E WriteSlot(int slot, E? index, E value) => E.Call(StoreSlot, _registers, E.Constant(slot), index ?? E.Constant(0UL), value);

    /// <summary>True when the index type cannot express an out-of-range entry (a 3-bit index into an 8-entry file).</summary>
    private static bool IndexAlwaysInRange(RegisterDecl register, Expr index) =>
        index.Type.Width < 31 && (1L << index.Type.Width) <= register.Count;

    private E RegisterRead(RegisterReadExpr read, List<E> output)
    {
        var register = read.Register;
        if (read.Index is null) return ReadSlot(register.Slot);
        var index = EmitValue(read.Index, output);
        if (index is ConstantExpression { Value: ulong constant })
            return constant < (ulong)register.Count ? ReadSlot(register.Slot + (int)constant) : E.Constant(0UL);
        // Hardwired entries hold their constant in the state (see MachineState), so reads need no special case.
        if (IndexAlwaysInRange(register, read.Index)) return ReadSlot(register.Slot, index);
        return Share(index, i => E.Condition(
            E.LessThan(i, E.Constant((ulong)register.Count)),
            ReadSlot(register.Slot, i),
            E.Constant(0UL)));
    }

    private static readonly MethodInfo ReadCells = typeof(MemoryStorage).GetMethod(nameof(MemoryStorage.Read))!;
    private static readonly MethodInfo WriteCells = typeof(MemoryStorage).GetMethod(nameof(MemoryStorage.Write))!;
    private static readonly PropertyInfo ByteArrayProperty = typeof(MemoryStorage).GetProperty(nameof(MemoryStorage.ByteArray), BindingFlags.Instance | BindingFlags.NonPublic)!;
    private static readonly MethodInfo FastLimitMethod = typeof(MemoryStorage).GetMethod(nameof(MemoryStorage.FastLimit), BindingFlags.Instance | BindingFlags.NonPublic)!;

    private E MemoryRead(MemoryDecl memory, int cells, E address)
    {
        var storage = _memories[memory.Index];
        if (FastPath(memory, cells) is { } fast)
            return Share(address, a => E.Condition(
                E.LessThan(a, fast.Limit),
                E.Call(MemoryStorage.LoadMethod(cells, memory.Endianness == Endianness.Big), fast.Bytes, a),
                E.Call(storage, ReadCells, a, E.Constant(cells))));
        var method = (memory.CellWidth, cells) switch
        {
            ( <= 8, 1) => nameof(MemoryStorage.Read8),
            ( > 8, 1) => nameof(MemoryStorage.ReadWord),
            _ => null,
        };
        return method is not null
            ? E.Call(storage, typeof(MemoryStorage).GetMethod(method)!, address)
            : E.Call(storage, ReadCells, address, E.Constant(cells));
    }

    private E MemoryWrite(MemoryDecl memory, int cells, E address, E value)
    {
        var storage = _memories[memory.Index];
        if (FastPath(memory, cells) is { } fast)
        {
            // Address, then value, each evaluated once, in source order.
            var statements = new List<E>();
            E Once(E operand)
            {
                if (operand is ParameterExpression or ConstantExpression) return operand;
                var temp = NewTemp(operand.Type, "operand");
                statements.Add(E.Assign(temp, operand));
                return temp;
            }
            var (a, v) = (Once(address), Once(value));
            statements.Add(E.IfThenElse(
                E.LessThan(a, fast.Limit),
                E.Call(MemoryStorage.StoreMethod(cells, memory.Endianness == Endianness.Big), fast.Bytes, a, v),
                E.Call(storage, WriteCells, a, E.Constant(cells), v)));
            return E.Block(typeof(void), statements);
        }
        return memory.CellWidth > 8 && cells == 1
            ? E.Call(storage, typeof(MemoryStorage).GetMethod(nameof(MemoryStorage.WriteWord))!, address, value)
            : E.Call(storage, WriteCells, address, E.Constant(cells), value);
    }

    // The backing array of each byte memory and the fast-path limit of each access size the code uses, in locals
    // loaded by the prelude: an access then costs one compare and one load or store, without a call.
    private readonly Dictionary<int, ParameterExpression> _byteArrays = [];
    private readonly Dictionary<(int Memory, int Cells), ParameterExpression> _limits = [];

    private (ParameterExpression Bytes, ParameterExpression Limit)? FastPath(MemoryDecl memory, int cells)
    {
        if (memory.CellWidth != 8 || cells is not (1 or 2 or 4 or 8)) return null;
        if (!_byteArrays.TryGetValue(memory.Index, out var bytes))
            _byteArrays[memory.Index] = bytes = E.Variable(typeof(byte[]), "bytes_" + memory.Name);
        if (!_limits.TryGetValue((memory.Index, cells), out var limit))
            _limits[(memory.Index, cells)] = limit = E.Variable(typeof(ulong), $"limit{cells}_{memory.Name}");
        return (bytes, limit);
    }

    private IEnumerable<E> LoadFastPaths() =>
        _byteArrays.Select(p => (E)E.Assign(p.Value, E.Property(_memories[p.Key], ByteArrayProperty)))
            .Concat(_limits.Select(p => (E)E.Assign(p.Value, E.Call(_memories[p.Key.Memory], FastLimitMethod, E.Constant(p.Key.Cells)))));

    /// <summary>Uses a value twice without evaluating it twice.</summary>
    private E Share(E value, Func<E, E> body)
    {
        if (value is ParameterExpression or ConstantExpression) return body(value);
        var temp = NewTemp(value.Type, "shared");
        var result = body(temp);
        return E.Block(result.Type, E.Assign(temp, value), result);
    }
}
