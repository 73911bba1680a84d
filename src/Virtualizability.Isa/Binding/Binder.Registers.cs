using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;
using Virtualizability.Isa.Syntax;

namespace Virtualizability.Isa.Binding;

internal sealed partial class Binder
{
    /// <summary>Register files are capped so that the flat state stays a sane size.</summary>
    private const int MaxFileCount = 1 << 16;

    /// <summary>All registers and register-file entries of a spec together.</summary>
    private const int MaxStateEntries = 1 << 20;

    private void DeclareRegister(RegisterSyntax r)
    {
        var type = BindType(r.Type);
        if (type.IsBool)
        {
            Error(DiagnosticCodes.TypeMismatch, r.Type.Span, "a register must be bits(N)");
            type = IrType.Bits(1);
        }
        var count = 1;
        if (r.Count is not null)
        {
            var n = ConstantInt(r.Count, "register file size");
            if (n is not null && (n < 1 || n > MaxFileCount))
                Error(DiagnosticCodes.InvalidCount, r.Count.Span, $"a register file needs 1 to {MaxFileCount} entries, not {n}");
            else if (n is not null) count = n.Value;
        }
        // Every machine, checker state and VMM world holds all registers: 2,000 files of 65,536 entries made `exec`
        // allocate gigabytes. The total is capped too (the largest spec in isa-specs/ uses a few hundred entries).
        if (_nextSlot + (long)count > MaxStateEntries)
        {
            Error(DiagnosticCodes.InvalidCount, r.Count?.Span ?? r.Span,
                $"'{r.Name}' would bring the registers to more than {MaxStateEntries} entries in total (register files included)");
            count = 1;
        }

        var fields = ImmutableArray.CreateBuilder<RegisterField>();
        foreach (var f in r.Fields)
        {
            var high = ConstantInt(f.High, "field bit");
            var low = f.Low is null ? high : ConstantInt(f.Low, "field bit");
            if (high is null || low is null) continue;
            if (low < 0 || high < low || high >= type.Width)
                Error(DiagnosticCodes.InvalidFieldRange, f.Span,
                    $"field '{f.Name}' must be high .. low with {type.Width - 1} >= high >= low >= 0, not {high} .. {low}");
            else if (fields.Any(x => x.Name == f.Name))
                Error(DiagnosticCodes.DuplicateName, f.Span, $"field '{f.Name}' is declared twice in register '{r.Name}'");
            else fields.Add(new RegisterField(f.Name, high.Value, low.Value, f.Span));
        }

        var hardwired = ImmutableArray.CreateBuilder<HardwiredEntry>();
        foreach (var h in r.Hardwired)
        {
            var index = ConstantInt(h.Index, "hardwired index");
            var value = Coerce(BindExpr(h.Value, type, GlobalContext()), type, h.Value.Span);
            if (index is null) continue;
            if (r.Count is null)
                Error(DiagnosticCodes.InvalidHardwired, h.Span, $"'{r.Name}' is not a register file, so it has no entries to hardwire");
            else if (index < 0 || index >= count)
                Error(DiagnosticCodes.InvalidHardwired, h.Index.Span, $"hardwired index {index} is outside 0 .. {count - 1}");
            else if (hardwired.Any(x => x.Index == index))
                Error(DiagnosticCodes.InvalidHardwired, h.Span, $"entry {index} is hardwired twice");
            else if (value is ConstExpr c) hardwired.Add(new HardwiredEntry(index.Value, c.Value));
            else if (value is NamedConstExpr n) hardwired.Add(new HardwiredEntry(index.Value, n.Constant.Value));
            else Error(DiagnosticCodes.NotConstant, h.Value.Span, "a hardwired value must be a compile-time constant");
        }

        var decl = new RegisterDecl(r.Name, type.Width, r.Count is not null, count, _nextSlot, hardwired.ToImmutable(),
            fields.ToImmutable(), r.Span);
        if (!DeclareGlobal(new RegisterSymbol(decl))) return;
        _registers.Add(decl);
        _nextSlot += count;
    }
}
