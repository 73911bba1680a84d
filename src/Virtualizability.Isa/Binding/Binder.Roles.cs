using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;
using Virtualizability.Isa.Syntax;

namespace Virtualizability.Isa.Binding;

internal sealed partial class Binder
{
    private Roles? BindRoles()
    {
        RegisterDecl? pc = null;
        MemoryDecl? storage = null;
        Expr? supervisor = null, user = null;
        Block? enterUser = null, enterSupervisor = null;
        var mode = ImmutableArray.CreateBuilder<StateRef>();
        var resources = ImmutableArray.CreateBuilder<StateRef>();
        var time = ImmutableArray.CreateBuilder<StateRef>();
        var memoryTraps = ImmutableArray.CreateBuilder<ExceptionDecl>();
        var seen = new Dictionary<string, SourceSpan>();
        var ok = true;

        bool First(string role, SourceSpan span)
        {
            if (seen.TryGetValue(role, out var previous))
            {
                Error(DiagnosticCodes.DeclaredTwice, span, $"role '{role}' is already declared at {previous}");
                return false;
            }
            seen[role] = span;
            return true;
        }

        foreach (var role in _roles?.Roles ?? [])
        {
            switch (role)
            {
                case PcRoleSyntax p when First("pc", p.Span):
                    switch (_globals.GetValueOrDefault(p.Register))
                    {
                        case RegisterSymbol { Decl.IsFile: false } r: pc = r.Decl; break;
                        case null: Error(DiagnosticCodes.UnknownName, p.Span, $"unknown register '{p.Register}'"); ok = false; break;
                        case var other: Error(DiagnosticCodes.WrongKind, p.Span, $"the pc must be a scalar register, and '{p.Register}' is {other.Described}"); ok = false; break;
                    }
                    break;
                case StorageRoleSyntax s when First("storage", s.Span):
                    switch (_globals.GetValueOrDefault(s.Memory))
                    {
                        case MemorySymbol m: storage = m.Decl; break;
                        case null: Error(DiagnosticCodes.UnknownName, s.Span, $"unknown memory '{s.Memory}'"); ok = false; break;
                        case var other: Error(DiagnosticCodes.WrongKind, s.Span, $"storage must be a memory, and '{s.Memory}' is {other.Described}"); ok = false; break;
                    }
                    break;
                case SupervisorRoleSyntax s when First("supervisor when", s.Span):
                    supervisor = RequireBool(BindExpr(s.Condition, IrType.Bool, GlobalContext()), s.Condition.Span);
                    ok &= supervisor is not null;
                    break;
                case UserRoleSyntax u when First("user when", u.Span):
                    user = RequireBool(BindExpr(u.Condition, IrType.Bool, GlobalContext()), u.Condition.Span);
                    ok &= user is not null;
                    break;
                case EnterRoleSyntax e when First(e.User ? "enter user" : "enter supervisor", e.Span):
                {
                    var block = BindBody(e.Body, new BindContext(BodyKind.Role, new Scope(null), null));
                    if (e.User) enterUser = block;
                    else enterSupervisor = block;
                    break;
                }
                case MemoryTrapRoleSyntax m when First("memtrap", m.Span):
                    foreach (var (name, span) in m.Exceptions)
                    {
                        switch (_globals.GetValueOrDefault(name))
                        {
                            case ExceptionSymbol { Decl: { } decl }: memoryTraps.Add(decl); break;
                            case ExceptionSymbol: ok = false; break; // its own declaration already reported an error
                            case null: Error(DiagnosticCodes.UnknownName, span, $"unknown exception '{name}'"); ok = false; break;
                            case var other: Error(DiagnosticCodes.WrongKind, span, $"memtrap names exceptions, and '{name}' is a {other.KindName}"); ok = false; break;
                        }
                    }
                    break;
                case StateRoleSyntax s when First(s.Kind, s.Span):
                {
                    var target = s.Kind switch { "mode" => mode, "resource" => resources, _ => time };
                    foreach (var r in s.Refs)
                    {
                        var bound = BindStateRef(r);
                        if (bound is null) ok = false;
                        else target.Add(bound);
                    }
                    break;
                }
            }
        }

        var where = _roles?.Span ?? _isa?.Span ?? _fileSpan;
        void Missing(string role, string example)
        {
            Error(DiagnosticCodes.MissingRole, where, $"the spec does not declare the '{role}' role (add '{example}' to 'roles {{ ... }}')");
            ok = false;
        }
        if (!seen.ContainsKey("pc")) Missing("pc", "pc P;");
        if (!seen.ContainsKey("storage")) Missing("storage", "storage E;");
        if (!seen.ContainsKey("supervisor when")) Missing("supervisor when", "supervisor when M == 0;");
        if (!seen.ContainsKey("enter user")) Missing("enter user", "enter user { ... }");
        if (!seen.ContainsKey("enter supervisor")) Missing("enter supervisor", "enter supervisor { ... }");

        if (ok) ok = CheckRolesAreDisjoint(pc, seen.GetValueOrDefault("pc"), mode, resources, time);

        if (!ok || pc is null || storage is null || supervisor is null || enterUser is null || enterSupervisor is null) return null;
        return new Roles(pc, storage, mode.ToImmutable(), supervisor, enterUser, enterSupervisor, resources.ToImmutable(), time.ToImmutable())
        {
            MemoryTraps = memoryTraps.ToImmutable(),
            UserPredicate = user,
        };
    }

    /// <summary>
    /// The program counter, the mode, the resource state and the time-advancing state are disjoint parts of the
    /// state: Popek and Goldberg's definitions ask whether an instruction changes one while keeping another, so a
    /// bit in two roles (or twice in one) would make a sensitivity question contradict itself.
    /// </summary>
    private bool CheckRolesAreDisjoint(RegisterDecl? pc, SourceSpan pcSpan, IEnumerable<StateRef> mode, IEnumerable<StateRef> resources, IEnumerable<StateRef> time)
    {
        var claimed = new List<(string Role, StateRef Ref)>();
        if (pc is not null) claimed.Add(("pc", new StateRef(pc, null, null, pcSpan)));
        claimed.AddRange(mode.Select(r => ("mode", r)));
        claimed.AddRange(resources.Select(r => ("resource", r)));
        claimed.AddRange(time.Select(r => ("time", r)));
        var ok = true;
        for (var i = 0; i < claimed.Count; i++)
        {
            var (role, later) = claimed[i];
            foreach (var (earlierRole, earlier) in claimed.Take(i))
            {
                if (!Overlap(earlier, later)) continue;
                var where = earlierRole == role ? $"already in the '{role}' role" : $"in the '{earlierRole}' role";
                Error(DiagnosticCodes.OverlappingRoles, later.Span, $"'{later}' in the '{role}' role shares state with '{earlier}' {where} (line {earlier.Span.Line}); each bit belongs to at most one of pc, mode, resource and time");
                ok = false;
                break;
            }
        }
        return ok;
    }

    private static bool Overlap(StateRef a, StateRef b)
    {
        if (!ReferenceEquals(a.Register, b.Register)) return false;
        if (a.Index is { } i && b.Index is { } j && i != j) return false;
        var (aHigh, aLow) = a.Field is { } f ? (f.High, f.Low) : (a.Register.Width - 1, 0);
        var (bHigh, bLow) = b.Field is { } g ? (g.High, g.Low) : (b.Register.Width - 1, 0);
        return aLow <= bHigh && bLow <= aHigh;
    }

    private StateRef? BindStateRef(StateRefSyntax r)
    {
        if (_globals.GetValueOrDefault(r.Name) is not RegisterSymbol { Decl: var register })
        {
            var symbol = _globals.GetValueOrDefault(r.Name);
            Error(symbol is null ? DiagnosticCodes.UnknownName : DiagnosticCodes.WrongKind, r.Span,
                symbol is null ? $"unknown register '{r.Name}'" : $"'{r.Name}' is {symbol.Described}, not a register");
            return null;
        }
        int? index = null;
        if (r.Index is not null)
        {
            index = ConstantInt(r.Index, "index");
            if (index is null) return null;
            if (!register.IsFile || index < 0 || index >= register.Count)
            {
                Error(DiagnosticCodes.IndexOutOfRange, r.Index.Span, register.IsFile
                    ? $"index {index} is outside {register.Name}[0 .. {register.Count - 1}]"
                    : $"'{register.Name}' is not a register file and cannot be indexed");
                return null;
            }
        }
        RegisterField? field = null;
        if (r.Field is not null)
        {
            field = register.Field(r.Field);
            if (field is null)
            {
                Error(DiagnosticCodes.UnknownField, r.Span, $"register '{register.Name}' has no field '{r.Field}'");
                return null;
            }
        }
        return new StateRef(register, index, field, r.Span);
    }

    private VmMap? BindVmMap(VmMapSyntax syntax)
    {
        var context = new BindContext(BodyKind.VmMap, new Scope(null), null);
        var parameter = new Local(syntax.Parameter.Name, BindType(syntax.Parameter.Type), LocalKind.Parameter, syntax.Parameter.Span);
        DeclareLocal(parameter, context);
        var statements = syntax.Body.Statements;
        if (statements.IsEmpty || statements[^1] is not MoveSyntax move)
        {
            Error(DiagnosticCodes.MisplacedMove, syntax.Span, $"vmmap '{syntax.Name}' must end with 'move <storage> by <offset>;'");
            BindBlockInScope(statements, syntax.Body.Span, context);
            return null;
        }
        var body = BindBlockInScope(statements[..^1], syntax.Body.Span, context);
        if (_globals.GetValueOrDefault(move.Storage) is not MemorySymbol memory)
        {
            Error(DiagnosticCodes.WrongKind, move.StorageSpan, $"'{move.Storage}' is not a memory");
            return null;
        }
        var addressType = IrType.Bits(memory.Decl.AddressWidth);
        var by = Coerce(BindExpr(move.By, addressType, context), addressType, move.By.Span);
        return new VmMap(syntax.Name, parameter, body, memory.Decl, by, syntax.Span);
    }
}
