using System.Collections.Immutable;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Smt.Solving;

/// <summary>
/// A machine state read out of a model, ready to be replayed on the executable model: one value per register slot
/// and, per memory, the touched addresses with a default for the rest.
/// </summary>
public sealed record ConcreteState(ImmutableArray<ulong> Slots, ImmutableArray<ArrayValue> Memories)
{
    /// <summary>The values the model gives to every slot and memory of <paramref name="state"/> (a fresh state's symbols, or any derived state).</summary>
    public static ConcreteState FromModel(SymbolicState state, SolverModel model)
    {
        var evaluator = new TermEvaluator(v => model.Symbols.TryGetValue(v.Name!, out var value) ? value : null);
        return new ConcreteState(
            [.. state.Slots.Select(evaluator.EvaluateBits)],
            [.. state.Memories.Select(m => (ArrayValue)evaluator.Evaluate(m))]);
    }
}
