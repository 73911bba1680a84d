using Virtualizability.Conformance.Bridge;
using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Conformance.Runs;

/// <summary>Whether a spec can take part in MIPS32 conformance runs (the reference interpreter is a MIPS32).</summary>
public static class MipsSpecCheck
{
    /// <summary>Null when the spec has every register and exception the state bridge maps; otherwise what is missing.</summary>
    public static string? Problem(IsaModel model)
    {
        try
        {
            var state = new MachineState(model, new MachineOptions { DefaultMemoryLimitBytes = 4096 });
            StateBridge.ToModel(new MipsState(), state);
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or InvalidOperationException)
        {
            // An ArgumentException's message ends in " (Parameter 'name')", the bridge's parameter: noise to a user.
            var reason = e is ArgumentException { ParamName: { } parameter } ? e.Message.Replace($" (Parameter '{parameter}')", "") : e.Message;
            return $"{model.Name} is not a MIPS32 spec the reference interpreter can be compared with ({reason}): conform runs MIPS32 only";
        }
        var missing = ExceptionNames.SpecNames.Where(name => model.Exception(name) is null).ToList();
        return missing.Count == 0 ? null : $"{model.Name} declares no exception {string.Join(", ", missing)}: it is not a MIPS32 spec";
    }
}
