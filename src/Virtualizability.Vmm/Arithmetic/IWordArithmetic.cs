namespace Virtualizability.Vmm.Arithmetic;

/// <summary>
/// The few operations an allocator's composition needs, over w-bit machine words (T) and conditions (TBool).
/// Written once against this interface, a composition runs concretely in the runtime (<see cref="MachineWordArithmetic"/>)
/// and symbolically in the VMM proofs (over SMT terms), so the prover checks the allocator's own definition.
/// "Wide" values have one more bit than a word (an allocation's size may be 2^w).
/// </summary>
public interface IWordArithmetic<T, TBool>
{
    T Word(ulong value);

    T WideWord(ulong value);

    /// <summary>A word as a wide value (zero-extended).</summary>
    T Widen(T word);

    /// <summary>The low w bits of a wide value.</summary>
    T Narrow(T wide);

    /// <summary>Word addition modulo 2^w.</summary>
    T Add(T a, T b);

    /// <summary>Wide subtraction; callers only subtract a smaller value from a larger one.</summary>
    T SubtractWide(T a, T b);

    TBool LessOrEqual(T a, T b);

    T IfThenElse(TBool condition, T then, T @else);
}
