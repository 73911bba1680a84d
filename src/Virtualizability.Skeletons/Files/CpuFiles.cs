using Virtualizability.Isa.Ir;
using Virtualizability.Skeletons.Emit;

namespace Virtualizability.Skeletons.Files;

/// <summary>
/// The virtual CPU: the spec's step (prologue, fetch, decode, body, epilogue), trap entries, reset and role blocks,
/// and helper functions, all generated from the IR as C# over <c>VirtualState</c>.
/// </summary>
internal sealed class CpuFiles(IsaModel model, string ns, SemanticsContext context, SourceText source)
{
    public IEnumerable<GeneratedFile> All()
    {
        yield return Core();
        yield return Hooks();
        yield return Functions();
        yield return Entries();
        yield return new DecoderFile(model, ns, context.Function(model.Encoding.Fetch)).File();
    }

    private GeneratedFile Core()
    {
        var w = CodeWriter.File(ns);
        var fixedWidth = model.Encoding.Kind == EncodingKind.Fixed;
        w.Summary($"""
            The {model.Name} CPU run on a VirtualState: Popek and Goldberg's interpreter. Every routine here and under
            Interpreters/ is the spec's own semantics, generated from its IR, so an emulated instruction does on the
            virtual state exactly what the real machine does on the real one.
            """);
        w.Open("public sealed partial class VirtualCpu(VirtualState state)");
        w.Line("public VirtualState State { get; } = state;");
        w.Line();
        w.Line("/// <summary>Set by `halt`; a halted CPU does not step until Reset.</summary>");
        w.Line("public bool IsHalted { get; private set; }");
        w.Line();
        w.Line("/// <summary>The instruction the current (or last) step decoded; null when the word was undefined.</summary>");
        w.Line("public string? LastInstruction { get; private set; }");
        w.Line();
        w.Summary("Registers to zero (hardwired entries to their constants), then the spec's reset block; memory keeps its contents.");
        w.Open("public void Reset()");
        w.Line("State.Clear();");
        w.Line("IsHalted = false;");
        w.Line("ResetBlock();");
        w.Close();
        w.Line();
        w.Summary("One step: prologue, fetch, decode, the instruction's body, epilogue. A trap ends the step and is returned, not delivered.");
        w.Open("public StepOutcome Step()");
        w.Line("if (IsHalted) return new StepOutcome(null, null, true);");
        w.Line("LastInstruction = null;");
        w.Open("try");
        w.Line("Prologue();");
        w.Line(fixedWidth ? $"DecodeAndExecute({context.Function(model.Encoding.Fetch)}());" : "DecodeAndExecute();");
        w.Line("Epilogue();");
        w.Line("return new StepOutcome(LastInstruction, null, false);");
        w.Close();
        w.Open("catch (GuestTrap trap)");
        w.Line("return new StepOutcome(LastInstruction, trap, false);");
        w.Close();
        w.Open("catch (GuestHalt)");
        w.Line("IsHalted = true;");
        w.Line("return new StepOutcome(LastInstruction, null, true);");
        w.Close();
        w.Close();
        w.Line();
        w.Summary("The guest takes the trap: the exception's entry block runs on the virtual state. A trap the entry itself raises is dropped, as the executable model's run loop drops it.");
        w.Open("public void Deliver(GuestTrap trap)");
        w.Open("try");
        w.Line("Enter(trap);");
        w.Close();
        w.Open("catch (GuestTrap)");
        w.Close();
        w.Open("catch (GuestHalt)");
        w.Line("IsHalted = true;");
        w.Close();
        w.Close();
        w.Line();
        w.Line("public bool IsSupervisor => SupervisorWhen();");
        w.Line();
        w.Line("/// <summary>The spec's user predicate (`user when`; not supervisor when it declares none): where the dispatcher reflects traps.</summary>");
        w.Line("public bool IsUser => UserWhen();");
        w.Close();
        return new GeneratedFile("Cpu/VirtualCpu.cs", w.ToString());
    }

    private GeneratedFile Hooks()
    {
        var w = CodeWriter.File(ns);
        w.Open("public sealed partial class VirtualCpu");
        Method(w, "The spec's reset block.", "private void ResetBlock()", model.Reset);
        Method(w, "The prologue of every step (before the fetch).", "private void Prologue()", model.Prologue);
        Method(w, "The epilogue of every step that completes.", "private void Epilogue()", model.Epilogue);
        Method(w, "What a word that decodes to no instruction does.", "private void Undefined()", model.Undefined);
        Method(w, "The `enter user` block of the spec's roles (the VMM puts the real machine in user mode with the executable model's copy of it).", "public void EnterUser()", model.Roles.EnterUser);
        Method(w, "The `enter supervisor` block of the spec's roles.", "public void EnterSupervisor()", model.Roles.EnterSupervisor);
        w.Line($"// supervisor when: {source.Of(model.Roles.Supervisor.Span).Split('\n')[0]}");
        var writer = new SemanticsWriter(context, w, [], []);
        w.Line($"private bool SupervisorWhen() => {writer.Expr(model.Roles.Supervisor)};");
        w.Line(model.Roles.UserPredicate is { } user
            ? $"private bool UserWhen() => {writer.Expr(user)};"
            : "private bool UserWhen() => !SupervisorWhen();");
        w.Close();
        return new GeneratedFile("Cpu/VirtualCpu.Hooks.cs", w.ToString());
    }

    private void Method(CodeWriter w, string summary, string header, Block body)
    {
        w.Summary(summary);
        if (body.Statements.Length > 0) w.Comment(source.Of(body.Span));
        w.Open(header);
        new SemanticsWriter(context, w, [body], []).Block(body);
        w.Close();
        w.Line();
    }

    private GeneratedFile Functions()
    {
        var w = CodeWriter.File(ns);
        w.Open("public sealed partial class VirtualCpu");
        foreach (var function in model.Functions)
        {
            w.Comment(source.Of(function.Span));
            var writer = new SemanticsWriter(context, w, [function.Body], []);
            var parameters = function.Parameters.Select(p => $"{SemanticsContext.ClrType(p.Type)} {writer.Bind(p)}");
            var type = function.ReturnType is { } t ? SemanticsContext.ClrType(t) : "void";
            w.Open($"private {type} {context.Function(function)}({string.Join(", ", parameters)})");
            var ends = writer.Block(function.Body);
            if (!ends && function.ReturnType is { } r) w.Line($"return {SemanticsContext.Default(r)};");
            w.Close();
            w.Line();
        }
        w.Close();
        return new GeneratedFile("Cpu/VirtualCpu.Functions.cs", w.ToString());
    }

    private GeneratedFile Entries()
    {
        var w = CodeWriter.File(ns);
        w.Open("public sealed partial class VirtualCpu");
        w.Line("/// <summary>Runs the entry block of the trap's exception with its arguments.</summary>");
        w.Open("private void Enter(GuestTrap trap)");
        w.Open("switch (trap.Exception)");
        foreach (var exception in model.Exceptions)
        {
            var arguments = exception.Parameters.Select((p, i) => p.Type.IsBool ? $"trap.Arguments[{i}] != 0" : $"trap.Arguments[{i}]");
            w.Line($"case {SemanticsContext.Exception(exception)}: {SemanticsContext.Entry(exception)}({string.Join(", ", arguments)}); break;");
        }
        w.Line("default: throw new ArgumentOutOfRangeException(nameof(trap), trap.Exception, \"not an exception of this spec\");");
        w.Close();
        w.Close();
        w.Line();
        foreach (var exception in model.Exceptions)
        {
            w.Comment(source.Of(exception.Span));
            var writer = new SemanticsWriter(context, w, [exception.Entry], []);
            var parameters = exception.Parameters.Select(p => $"{SemanticsContext.ClrType(p.Type)} {writer.Bind(p)}");
            w.Open($"private void {SemanticsContext.Entry(exception)}({string.Join(", ", parameters)})");
            writer.Block(exception.Entry);
            w.Close();
            w.Line();
        }
        w.Close();
        return new GeneratedFile("Cpu/VirtualCpu.Exceptions.cs", w.ToString());
    }
}
