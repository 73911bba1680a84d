using System.Linq.Expressions;
using Virtualizability.Isa.Ir;
using E = System.Linq.Expressions.Expression;

namespace Virtualizability.Execution.Compilation;

/// <summary>
/// Wraps emitted statements into compiled delegates. Each lambda has one exit label: a trap or halt stores its
/// status and jumps there, which is how a trap ends a step as a value instead of an exception.
/// </summary>
internal static class LambdaFactory
{
    private static readonly System.Reflection.FieldInfo ResultField = typeof(ExecutionFrame).GetField(nameof(ExecutionFrame.Result))!;

    /// <summary>Compiles a lambda whose body is produced by <paramref name="emit"/>; extra parameters follow the frame.</summary>
    public static TDelegate Compile<TDelegate>(
        IsaModel model,
        string name,
        ParameterExpression[] extraParameters,
        Action<SemanticsEmitter, List<E>, Func<int, E>> emit,
        Outlining? outlining = null)
        where TDelegate : Delegate
    {
        var frame = E.Parameter(typeof(ExecutionFrame), "frame");
        var status = E.Variable(typeof(int), "status");
        var exit = E.Label("exit");
        E Exit(int code) => E.Block(typeof(void), E.Assign(status, E.Constant(code)), E.Goto(exit));
        var emitter = new SemanticsEmitter(model, frame, Exit, outlining);
        var body = new List<E>();
        emit(emitter, body, Exit);
        var all = new List<E> { E.Assign(status, E.Constant(ExecutionFrame.StatusContinue)) };
        all.AddRange(emitter.Prelude());
        all.AddRange(body);
        all.Add(E.Label(exit));
        all.AddRange(emitter.AtExit);
        all.Add(status);
        var block = E.Block(typeof(int), emitter.Variables.Append(status), all);
        return E.Lambda<TDelegate>(block, name, [frame, .. extraParameters]).Compile();
    }

    public static FrameAction Block(IsaModel model, string name, Block block, Action<SemanticsEmitter, List<E>>? bindings = null, Outlining? outlining = null) =>
        Compile<FrameAction>(model, name, [], (emitter, body, _) =>
            emitter.EmitTopLevel(block, body, bindings is null ? null : output => bindings(emitter, output)), outlining);

    /// <summary>Compiles an expression whose value (bool as 0/1) is stored in <see cref="ExecutionFrame.Result"/>.</summary>
    public static FrameAction Value(IsaModel model, string name, Expr expr, Action<SemanticsEmitter, List<E>>? bindings = null) =>
        Compile<FrameAction>(model, name, [], (emitter, body, _) =>
        {
            var value = emitter.EmitTopLevelValue(expr, body, bindings is null ? null : output => bindings(emitter, output));
            if (value.Type == typeof(bool)) value = E.Condition(value, E.Constant(1UL), E.Constant(0UL));
            body.Add(E.Assign(E.Field(emitter.Frame, ResultField), value));
        });

    /// <summary>Binds a local to the frame's <see cref="ExecutionFrame.Result"/> (VM map offset).</summary>
    public static void BindFromResult(SemanticsEmitter emitter, List<E> output, Local local) =>
        output.Add(E.Assign(emitter.Bind(local), SemanticsEmitter.Mask(E.Field(emitter.Frame, ResultField), local.Type.Width)));
}
