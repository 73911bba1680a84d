using System.Collections.Concurrent;
using Virtualizability.Execution.Compilation;
using Virtualizability.Isa.Ir;
using static Virtualizability.Execution.Tests.Building.Ir;

namespace Virtualizability.Execution.Tests.Building;

/// <summary>
/// Compiles one expression over two operand registers A (bits(widthA)) and B (bits(widthB)) and evaluates it
/// on given operand values. Operands come from registers so the compiled code cannot fold them.
/// Compiled lambdas are cached by shape, as property tests evaluate the same shape many times.
/// </summary>
internal static class ExpressionHarness
{
    private static readonly ConcurrentDictionary<string, (IsaModel Model, FrameAction Evaluate)> Cache = new();

    public static ulong Evaluate(string shape, int widthA, int widthB, Func<Expr, Expr, Expr> build, ulong a, ulong b)
    {
        var (model, evaluate) = Cache.GetOrAdd($"{shape}/{widthA}/{widthB}", _ =>
        {
            var builder = new ModelBuilder("expr");
            var ra = builder.Register("A", widthA);
            var rb = builder.Register("B", widthB);
            var memory = builder.Memory("Mem", 8, 8, Endianness.Little);
            builder.Fetch = builder.Function("fetch", [], 32, _ => Block(Return(C(0, 32))));
            var built = builder.Build(ra, memory);
            return (built, LambdaFactory.Value(built, shape, build(R(ra), R(rb))));
        });
        var state = new MachineState(model);
        state.SetRegister("A", a);
        state.SetRegister("B", b);
        var frame = new ExecutionFrame(state, 0);
        if (evaluate(frame) != ExecutionFrame.StatusContinue) throw new InvalidOperationException("a pure expression trapped");
        return frame.Result;
    }
}
