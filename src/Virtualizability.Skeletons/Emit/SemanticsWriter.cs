using Virtualizability.Isa.Ir;

namespace Virtualizability.Skeletons.Emit;

/// <summary>
/// Writes IR statements as C# statements of one generated method. Every bits(N) value is a ulong below 2^N and
/// every result is cut to its width, so the code computes exactly what the executable model computes. A trap is a
/// thrown GuestTrap, a halt a thrown GuestHalt; helper functions are called, not inlined (C# evaluates operands left
/// to right, as the spec does). Statements after one that always leaves (trap, halt, return) are not written.
/// </summary>
internal sealed partial class SemanticsWriter
{
    private readonly SemanticsContext _context;
    private readonly CodeWriter _out;
    private readonly Dictionary<Local, string> _locals = new();
    private readonly HashSet<string> _usedNames;
    private readonly HashSet<Local> _read;

    /// <param name="body">The method's body (to find locals that are never read).</param>
    /// <param name="reserved">Names already taken in the method (parameters, encoding fields).</param>
    public SemanticsWriter(SemanticsContext context, CodeWriter output, IEnumerable<Stmt> body, IEnumerable<string> reserved)
    {
        _context = context;
        _out = output;
        _usedNames = new HashSet<string>(SemanticsContext.CpuMembers);
        _usedNames.UnionWith(reserved);
        _usedNames.UnionWith(context.FunctionNames);
        _read = LocalReads.In(body);
    }

    /// <summary>Binds a local (a parameter or an encoding field) to a fresh C# name, which is returned.</summary>
    public string Bind(Local local)
    {
        var name = Names.Identifier(local.Name);
        var candidate = name;
        for (var i = 2; !_usedNames.Add(candidate); i++) candidate = name + "_" + i;
        _locals[local] = candidate;
        return candidate;
    }

    /// <summary>Writes the block's statements; returns true when its end is unreachable (it always traps, halts or returns).</summary>
    public bool Block(Block block)
    {
        foreach (var statement in block.Statements)
            if (Statement(statement)) return true;
        return false;
    }

    private bool Statement(Stmt statement)
    {
        switch (statement)
        {
            case Block block:
                return Block(block);
            case LetStmt let:
                if (!_read.Contains(let.Local))
                {
                    if (LocalReads.HasCall(let.Value)) _out.Line($"_ = {Expr(let.Value)};");
                    return false;
                }
                var value = Expr(let.Value);
                _out.Line($"{SemanticsContext.ClrType(let.Local.Type)} {Bind(let.Local)} = {value};");
                return false;
            case AssignLocalStmt assign:
                if (!_read.Contains(assign.Local))
                {
                    if (LocalReads.HasCall(assign.Value)) _out.Line($"_ = {Expr(assign.Value)};");
                    return false;
                }
                _out.Line($"{_locals[assign.Local]} = {Expr(assign.Value)};");
                return false;
            case RegisterWriteStmt write:
                RegisterWrite(write);
                return false;
            case MemoryWriteStmt write:
                _out.Line($"{SemanticsContext.Memory(write.Memory)}.Write({Expr(write.Address)}, {write.Cells}, {Expr(write.Value)});");
                return false;
            case IfStmt conditional:
                return If(conditional);
            case TrapStmt trap:
            {
                var arguments = trap.Arguments.Select(a => a.Type.IsBool ? $"({Expr(a)} ? 0x1UL : 0x0UL)" : Strip(Expr(a))).Prepend(SemanticsContext.Exception(trap.Exception));
                _out.Line($"throw new GuestTrap({string.Join(", ", arguments)});");
                return true;
            }
            case HaltStmt:
                _out.Line("throw new GuestHalt();");
                return true;
            case ReturnStmt ret:
                _out.Line(ret.Value is null ? "return;" : $"return {Expr(ret.Value)};");
                return true;
            case CallStmt call:
            {
                var text = Call(call.Function, call.Arguments);
                _out.Line(call.Function.ReturnType is null ? text + ";" : $"_ = {text};");
                return false;
            }
            default:
                throw new NotSupportedException($"{statement.Span}: statement {statement.GetType().Name}");
        }
    }

    private bool If(IfStmt conditional, string prefix = "")
    {
        if (ConstantFolder.Fold(conditional.Condition) is { } known)
        {
            var chosen = known != 0 ? conditional.Then : conditional.Else;
            if (chosen.Statements.Length == 0) return false;
            _out.Open();
            var ends = Block(chosen);
            _out.Close();
            return ends;
        }
        _out.Open($"{prefix}if ({Strip(Expr(conditional.Condition))})");
        var thenEnds = Block(conditional.Then);
        if (conditional.Else.Statements.Length == 0)
        {
            _out.Close();
            return false;
        }
        _out.Close();
        // `else if` chains stay flat.
        if (conditional.Else.Statements is [IfStmt nested] && ConstantFolder.Fold(nested.Condition) is null)
            return thenEnds & If(nested, "else ");
        _out.Open("else");
        var elseEnds = Block(conditional.Else);
        _out.Close();
        return thenEnds && elseEnds;
    }

    private void RegisterWrite(RegisterWriteStmt write)
    {
        var register = write.Register;
        var target = SemanticsContext.Register(register);
        if (write.Index is null)
        {
            _out.Line($"{target} = {Strip(Expr(write.Value))};");
            return;
        }
        if (ConstantFolder.Fold(write.Index) is { } index)
        {
            var writable = index < (ulong)register.Count && register.Hardwired.All(h => (ulong)h.Index != index);
            if (writable) _out.Line($"{target}[{index}] = {Strip(Expr(write.Value))};");
            else if (LocalReads.HasCall(write.Value)) _out.Line($"_ = {Expr(write.Value)}; // entry {index} is hardwired or out of range");
            return;
        }
        if (SemanticsContext.IndexAlwaysInRange(register, write.Index) && register.Hardwired.IsEmpty)
            _out.Line($"{target}[(int){Expr(write.Index)}] = {Strip(Expr(write.Value))};");
        else
            _out.Line($"State.Write_{Names.Member(register.Name).TrimStart('@')}({Expr(write.Index)}, {Strip(Expr(write.Value))});");
    }

    private string Call(FunctionDecl function, IEnumerable<Expr> arguments) =>
        $"{_context.Function(function)}({string.Join(", ", arguments.Select(a => Strip(Expr(a))))})";

    /// <summary>Drops one pair of outer parentheses where the context delimits the expression anyway.</summary>
    private static string Strip(string text)
    {
        if (text.Length < 2 || text[0] != '(' || text[^1] != ')') return text;
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            if (depth == 0 && i < text.Length - 1) return text;
        }
        return text[1..^1];
    }
}
