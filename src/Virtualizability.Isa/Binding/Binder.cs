using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;
using Virtualizability.Isa.Syntax;

namespace Virtualizability.Isa.Binding;

/// <summary>
/// Type-checks the declarations of a whole spec (includes already flattened, in order) and lowers them to the IR.
/// Keeps going after errors; returns a model only when there were none.
/// </summary>
internal sealed partial class Binder
{
    private readonly DiagnosticBag _diagnostics;
    private readonly SourceSpan _fileSpan;
    private readonly Dictionary<string, Symbol> _globals = [];
    private readonly List<ConstSymbol> _constants = [];
    private readonly List<RegisterDecl> _registers = [];
    private readonly List<MemoryDecl> _memories = [];
    private readonly List<FunctionSymbol> _functions = [];
    private readonly List<ExceptionSymbol> _exceptions = [];
    private readonly List<InstructionSyntax> _instructionSyntax = [];
    private readonly Dictionary<string, HookSyntax> _hooks = [];
    private IsaSyntax? _isa;
    private EncodingSyntax? _encoding;
    private RolesSyntax? _roles;
    private VmMapSyntax? _vmmap;
    private int _nextSlot;

    public Binder(DiagnosticBag diagnostics, string mainFile)
    {
        _diagnostics = diagnostics;
        _fileSpan = new SourceSpan(mainFile, 1, 1, 1, 1);
        _inlineBudget = new InlineBudget(diagnostics);
    }

    private readonly InlineBudget _inlineBudget;

    private void Error(DiagnosticCode code, SourceSpan span, string message) => _diagnostics.Error(code, span, message);

    public IsaModel? Bind(ImmutableArray<DeclSyntax> decls)
    {
        var errorsBefore = _diagnostics.ErrorCount;
        foreach (var decl in decls) Declare(decl);
        // Evaluated on first use, but every constant is checked even if nothing uses it.
        foreach (var constant in _constants) ConstantValue(constant, constant.Span);

        if (_isa is null) Error(DiagnosticCodes.MissingIsa, _fileSpan, "the spec has no 'isa' declaration");
        var encodingKind = BindEncodingKind(out var encodingWidth);

        BindFunctionsAndExceptions();
        var instructions = BindInstructions(encodingKind, encodingWidth);
        var hooks = new Dictionary<string, Block>();
        foreach (var kind in new[] { "reset", "prologue", "epilogue", "undefined" })
            hooks[kind] = _hooks.TryGetValue(kind, out var hook) ? BindBody(hook.Body, null) : Block.Empty(_isa?.Span ?? _fileSpan);
        var roles = BindRoles();
        var vmmap = _vmmap is null ? null : BindVmMap(_vmmap);
        var fetch = BindFetch(encodingKind, encodingWidth);
        if (roles is not null) RoleBlockChecker.Check(roles, vmmap, hooks["reset"], _diagnostics);
        foreach (var instruction in instructions) _inlineBudget.Check(instruction.Body, $"instruction '{instruction.Name}'", instruction.Span);
        foreach (var (kind, hook) in hooks) _inlineBudget.Check(hook, $"the '{kind}' block", hook.Span);
        if (roles is not null)
        {
            _inlineBudget.Check(roles.EnterUser, "the 'enter user' block", roles.EnterUser.Span);
            _inlineBudget.Check(roles.EnterSupervisor, "the 'enter supervisor' block", roles.EnterSupervisor.Span);
            _inlineBudget.Check(new Block([new ReturnStmt(roles.Supervisor, roles.Supervisor.Span)], roles.Supervisor.Span), "the 'supervisor when' predicate", roles.Supervisor.Span);
            if (roles.UserPredicate is { } user)
                _inlineBudget.Check(new Block([new ReturnStmt(user, user.Span)], user.Span), "the 'user when' predicate", user.Span);
        }
        if (vmmap is not null) _inlineBudget.Check(vmmap.Body, $"vmmap '{vmmap.Name}'", vmmap.Span);

        if (_diagnostics.ErrorCount > errorsBefore || _isa is null || encodingKind is null || roles is null || fetch is null)
            return null;

        var maxLength = encodingKind == EncodingKind.Fixed ? encodingWidth
            : instructions.IsEmpty ? 8 : instructions.Max(i => i.Encoding.Length);
        var scheme = new EncodingScheme(encodingKind.Value, encodingKind == EncodingKind.Fixed ? encodingWidth : 8, fetch)
        {
            MaxLength = maxLength,
        };
        return new IsaModel(
            _isa.Name, _isa.Title, _fileSpan.File,
            [.. _constants.Select(c => c.Value.Expr).OfType<NamedConstExpr>().Select(n => n.Constant)],
            [.. _registers], [.. _memories],
            [.. _functions.Select(f => f.Decl!)],
            [.. _exceptions.Select(e => e.Decl!)],
            instructions,
            scheme,
            hooks["reset"], hooks["prologue"], hooks["epilogue"], hooks["undefined"],
            roles, vmmap);
    }

    private bool DeclareGlobal(Symbol symbol)
    {
        if (_globals.TryGetValue(symbol.Name, out var existing))
        {
            Error(DiagnosticCodes.DuplicateName, symbol.Span,
                $"'{symbol.Name}' is already declared as {existing.Described} at {existing.Span}");
            return false;
        }
        if (Builtins.IsBuiltin(symbol.Name))
        {
            Error(DiagnosticCodes.DuplicateName, symbol.Span, $"'{symbol.Name}' is the name of a built-in function");
            return false;
        }
        _globals[symbol.Name] = symbol;
        return true;
    }

    private void Singleton<T>(ref T? slot, T decl, string what) where T : DeclSyntax
    {
        if (slot is not null)
        {
            Error(DiagnosticCodes.DeclaredTwice, decl.Span, $"{what} is already declared at {slot.Span}");
            return;
        }
        slot = decl;
    }

    private void Declare(DeclSyntax decl)
    {
        switch (decl)
        {
            case IsaSyntax isa: Singleton(ref _isa, isa, "the 'isa' declaration"); break;
            case EncodingSyntax encoding: Singleton(ref _encoding, encoding, "the 'encoding' declaration"); break;
            case RolesSyntax roles: Singleton(ref _roles, roles, "the 'roles' block"); break;
            case VmMapSyntax vmmap: Singleton(ref _vmmap, vmmap, "a 'vmmap'"); break;
            case HookSyntax hook:
                if (_hooks.TryGetValue(hook.Kind, out var previous))
                    Error(DiagnosticCodes.DeclaredTwice, hook.Span, $"'{hook.Kind}' is already declared at {previous.Span}");
                else _hooks[hook.Kind] = hook;
                break;
            case ConstSyntax c:
            {
                var symbol = new ConstSymbol(c);
                if (DeclareGlobal(symbol)) _constants.Add(symbol);
                break;
            }
            case MemorySyntax m: DeclareMemory(m); break;
            case RegisterSyntax r: DeclareRegister(r); break;
            case FnSyntax f:
            {
                var parameters = BindParameters(f.Parameters);
                IrType? returnType = f.ReturnType is null ? null : BindType(f.ReturnType);
                if (f.ReturnType is null && f.ExprBody is not null)
                    Error(DiagnosticCodes.InvalidReturn, f.Span, $"function '{f.Name}' is defined by an expression but has no return type");
                var symbol = new FunctionSymbol(f, parameters, returnType);
                if (DeclareGlobal(symbol)) _functions.Add(symbol);
                break;
            }
            case ExceptionSyntax e:
            {
                var symbol = new ExceptionSymbol(e, BindParameters(e.Parameters), _exceptions.Count);
                if (DeclareGlobal(symbol)) _exceptions.Add(symbol);
                break;
            }
            case InstructionSyntax i:
                if (DeclareGlobal(new InstructionSymbol(i))) _instructionSyntax.Add(i);
                break;
            case IncludeSyntax:
                break; // resolved by the loader before binding
        }
    }

    private ImmutableArray<Local> BindParameters(ImmutableArray<ParamSyntax> parameters)
    {
        var result = ImmutableArray.CreateBuilder<Local>();
        var seen = new HashSet<string>();
        foreach (var p in parameters)
        {
            if (!seen.Add(p.Name))
                Error(DiagnosticCodes.DuplicateName, p.Span, $"parameter '{p.Name}' is declared twice");
            result.Add(new Local(p.Name, BindType(p.Type), LocalKind.Parameter, p.Span));
        }
        return result.ToImmutable();
    }

    private void DeclareMemory(MemorySyntax m)
    {
        var address = BindType(m.Address);
        var cell = BindType(m.Cell);
        if (address.IsBool) Error(DiagnosticCodes.TypeMismatch, m.Address.Span, "a memory address must be bits(N)");
        if (cell.IsBool) Error(DiagnosticCodes.TypeMismatch, m.Cell.Span, "a memory cell must be bits(N)");
        var decl = new MemoryDecl(m.Name, Math.Max(1, address.Width), Math.Max(1, cell.Width),
            m.BigEndian ? Endianness.Big : Endianness.Little, _memories.Count, m.Span);
        if (DeclareGlobal(new MemorySymbol(decl))) _memories.Add(decl);
    }

    private EncodingKind? BindEncodingKind(out int width)
    {
        width = 0;
        if (_encoding is null)
        {
            Error(DiagnosticCodes.MissingEncoding, _isa?.Span ?? _fileSpan, "the spec has no 'encoding' declaration");
            return null;
        }
        if (_encoding.IsBytes) return EncodingKind.Bytes;
        var n = ConstantInteger(_encoding.Width!);
        if (n is null) return null;
        if (n < 1 || n > IrType.MaxWidth)
        {
            Error(DiagnosticCodes.InvalidEncodingWidth, _encoding.Width!.Span,
                $"a fixed encoding must be 1 to {IrType.MaxWidth} bits wide (the width of what fetch returns), not {n}");
            return null;
        }
        width = (int)n.Value;
        return EncodingKind.Fixed;
    }

    private FunctionDecl? BindFetch(EncodingKind? kind, int width)
    {
        if (kind is null) return null;
        if (!_globals.TryGetValue("fetch", out var symbol))
        {
            Error(DiagnosticCodes.MissingFetch, _encoding!.Span, "the spec has no 'fetch' function");
            return null;
        }
        if (symbol is not FunctionSymbol fetch)
        {
            Error(DiagnosticCodes.MissingFetch, symbol.Span, $"'fetch' must be a function, but it is {symbol.Described}");
            return null;
        }
        var ok = kind == EncodingKind.Fixed
            ? fetch.Parameters.IsEmpty && fetch.ReturnType == IrType.Bits(width)
            : fetch.Parameters.Length == 1 && fetch.Parameters[0].Type == IrType.Bits(32) && fetch.ReturnType == IrType.Bits(8);
        if (!ok)
        {
            var expected = kind == EncodingKind.Fixed ? $"fn fetch() : bits({width})" : "fn fetch(i : bits(32)) : bits(8)";
            Error(DiagnosticCodes.BadFetchSignature, fetch.Span, $"'fetch' must have the signature '{expected}' for this encoding");
            return null;
        }
        return fetch.Decl;
    }
}
