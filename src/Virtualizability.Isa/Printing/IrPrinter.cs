using System.Runtime.CompilerServices;
using System.Text;
using Virtualizability.Isa.Ir;
using Virtualizability.Isa.Printing;

namespace Virtualizability.Isa;

/// <summary>
/// Prints a model as one canonical `.isa` file (includes flattened, lowering applied): loading the text gives
/// the same IR, and printing that gives the same text.
/// </summary>
public static class IrPrinter
{
    public static string Print(Ir.IsaModel model)
    {
        var w = new SourceWriter();
        w.Line($"isa {model.Name} {Quote(model.Title)};");
        w.Line(model.Encoding.Kind == EncodingKind.Fixed ? $"encoding fixed {model.Encoding.Width};" : "encoding bytes;");
        w.Line();
        foreach (var c in model.Constants) w.Line($"const {c.Name} : {c.Type} = {ExprPrinter.Literal(c.Value, c.Type)};");
        foreach (var m in model.Memories)
            w.Line($"memory {m.Name} : bits({m.AddressWidth}) -> bits({m.CellWidth}), {(m.Endianness == Endianness.Big ? "big" : "little")};");
        foreach (var r in model.Registers) w.Line(Register(r));
        w.Line();
        WriteRoles(w, model.Roles);
        if (model.VmMap is { } vm)
        {
            w.Line();
            w.Open($"vmmap {vm.Name}({vm.Offset.Name} : {vm.Offset.Type})");
            foreach (var s in vm.Body.Statements) WriteStmt(w, s);
            w.Line($"move {vm.MovedStorage.Name} by {ExprPrinter.Print(vm.MoveBy)};");
            w.Close();
        }
        foreach (var e in model.Exceptions)
        {
            w.Line();
            WriteBlock(w, $"exception {e.Name}({Params(e.Parameters)})", e.Entry);
        }
        foreach (var f in model.Functions)
        {
            w.Line();
            WriteBlock(w, $"fn {f.Name}({Params(f.Parameters)}){(f.ReturnType is { } t ? $" : {t}" : "")}", f.Body);
        }
        w.Line();
        WriteBlock(w, "reset", model.Reset);
        WriteBlock(w, "prologue", model.Prologue);
        WriteBlock(w, "epilogue", model.Epilogue);
        WriteBlock(w, "undefined", model.Undefined);
        foreach (var i in model.Instructions)
        {
            w.Line();
            var description = i.Description is null ? "" : " " + Quote(i.Description);
            WriteBlock(w, $"instruction {i.Name} {Quote(i.Encoding.Text)}{description}", i.Body);
        }
        return w.ToString();
    }

    internal static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Params(IEnumerable<Local> locals) => string.Join(", ", locals.Select(p => $"{p.Name} : {p.Type}"));

    private static string Register(RegisterDecl r)
    {
        var sb = new StringBuilder($"register {r.Name}");
        if (r.IsFile) sb.Append('[').Append(r.Count).Append(']');
        sb.Append(" : ").Append(r.Type);
        if (!r.Fields.IsEmpty)
            sb.Append(" fields { ").Append(string.Join(", ", r.Fields.Select(f => f.High == f.Low ? $"{f.Name} : {f.High}" : $"{f.Name} : {f.High} .. {f.Low}"))).Append(" }");
        if (!r.Hardwired.IsEmpty)
            sb.Append(" hardwired { ").Append(string.Join(", ", r.Hardwired.Select(h => $"[{h.Index}] = {ExprPrinter.Literal(h.Value, r.Type)}"))).Append(" }");
        return sb.Append(';').ToString();
    }

    private static void WriteRoles(SourceWriter w, Roles roles)
    {
        w.Open("roles");
        w.Line($"pc {roles.ProgramCounter.Name};");
        w.Line($"storage {roles.Storage.Name};");
        if (!roles.ModeState.IsEmpty) w.Line($"mode {string.Join(", ", roles.ModeState)};");
        w.Line($"supervisor when {ExprPrinter.Print(roles.Supervisor)};");
        WriteBlock(w, "enter user", roles.EnterUser);
        WriteBlock(w, "enter supervisor", roles.EnterSupervisor);
        if (!roles.Resources.IsEmpty) w.Line($"resource {string.Join(", ", roles.Resources)};");
        if (!roles.Time.IsEmpty) w.Line($"time {string.Join(", ", roles.Time)};");
        if (!roles.MemoryTraps.IsEmpty) w.Line($"memtrap {string.Join(", ", roles.MemoryTraps.Select(e => e.Name))};");
        w.Close();
    }

    private static void WriteBlock(SourceWriter w, string header, Block block)
    {
        if (block.Statements.IsEmpty)
        {
            w.Line(header.Length == 0 ? "{ }" : header + " { }");
            return;
        }
        w.Open(header);
        foreach (var s in block.Statements) WriteStmt(w, s);
        w.Close();
    }

    private static void WriteStmt(SourceWriter w, Stmt stmt)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (stmt)
        {
            case Block b: WriteBlock(w, "", b); break;
            case LetStmt l:
                w.Line($"{(l.Local.Kind == LocalKind.Var ? "var" : "let")} {l.Local.Name} : {l.Local.Type} = {ExprPrinter.Print(l.Value)};");
                break;
            case AssignLocalStmt a: w.Line($"{a.Local.Name} := {ExprPrinter.Print(a.Value)};"); break;
            case RegisterWriteStmt r:
                w.Line($"{r.Register.Name}{(r.Index is null ? "" : $"[{ExprPrinter.Print(r.Index)}]")} := {ExprPrinter.Print(r.Value)};");
                break;
            case MemoryWriteStmt m:
                w.Line($"{m.Memory.Name}[{ExprPrinter.Print(m.Address)}{(m.Cells == 1 ? "" : $", {m.Cells}")}] := {ExprPrinter.Print(m.Value)};");
                break;
            case IfStmt i: WriteIf(w, i, "if"); break;
            case TrapStmt t: w.Line($"trap {t.Exception.Name}({string.Join(", ", t.Arguments.Select(ExprPrinter.Print))});"); break;
            case HaltStmt: w.Line("halt;"); break;
            case ReturnStmt r: w.Line(r.Value is null ? "return;" : $"return {ExprPrinter.Print(r.Value)};"); break;
            case CallStmt c: w.Line($"{c.Function.Name}({string.Join(", ", c.Arguments.Select(ExprPrinter.Print))});"); break;
            default: throw new InvalidOperationException($"unknown statement {stmt.GetType().Name}");
        }
    }

    private static void WriteIf(SourceWriter w, IfStmt i, string keyword)
    {
        w.Open($"{keyword} {ExprPrinter.Print(i.Condition)}");
        foreach (var s in i.Then.Statements) WriteStmt(w, s);
        if (i.Else.Statements.IsEmpty)
        {
            w.Close();
            return;
        }
        if (i.Else.Statements is [IfStmt nested])
        {
            w.CloseInline();
            WriteIf(w, nested, "} else if");
            return;
        }
        w.CloseInline();
        w.Open("} else");
        foreach (var s in i.Else.Statements) WriteStmt(w, s);
        w.Close();
    }
}
