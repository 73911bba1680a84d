using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Machines.Running;

/// <summary>
/// Counts delivered traps by cause. The key is the spec's exception name; when the spec has a Cause register
/// with an ExcCode field (MIPS), the code the entry block recorded is added, so that e.g. the two address errors
/// and the TLB refill/invalid pairs read as the architecture numbers them.
/// </summary>
internal sealed class ExceptionTally(MachineState state)
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly RegisterDecl? _cause = state.Model.Register("Cause");
    private readonly RegisterField? _code = state.Model.Register("Cause")?.Field("ExcCode");

    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>Call after the trap's entry block ran, so that the recorded cause code is the trap's own.</summary>
    public void Add(Trap trap)
    {
        var key = trap.Exception.Name;
        if (_cause is not null && _code is not null)
        {
            var code = (state.GetRegister(_cause) >> _code.Low) & ((1UL << _code.Width) - 1);
            key = $"{key} (ExcCode {code})";
        }
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }
}
