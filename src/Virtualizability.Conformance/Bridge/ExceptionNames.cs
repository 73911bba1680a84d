namespace Virtualizability.Conformance.Bridge;

/// <summary>The spec's exception declarations and the Cause.ExcCode each one stands for.</summary>
internal static class ExceptionNames
{
    private static readonly Dictionary<string, ExceptionCode> Codes = new()
    {
        ["Interrupt"] = ExceptionCode.Interrupt,
        ["MachineCheck"] = ExceptionCode.MachineCheck,
        ["AddressErrorLoad"] = ExceptionCode.AddressErrorLoad,
        ["AddressErrorStore"] = ExceptionCode.AddressErrorStore,
        ["TLBRefillLoad"] = ExceptionCode.TlbLoad,
        ["TLBRefillStore"] = ExceptionCode.TlbStore,
        ["TLBInvalidLoad"] = ExceptionCode.TlbLoad,
        ["TLBInvalidStore"] = ExceptionCode.TlbStore,
        ["TLBModified"] = ExceptionCode.TlbModified,
        ["CoprocessorUnusable"] = ExceptionCode.CoprocessorUnusable,
        ["ReservedInstruction"] = ExceptionCode.ReservedInstruction,
        ["IntegerOverflow"] = ExceptionCode.Overflow,
        ["Trap"] = ExceptionCode.Trap,
        ["SystemCall"] = ExceptionCode.Syscall,
        ["Breakpoint"] = ExceptionCode.Breakpoint,
    };

    public static IReadOnlyCollection<string> SpecNames => Codes.Keys;

    public static ExceptionCode CodeOf(string specExceptionName) =>
        Codes.TryGetValue(specExceptionName, out var code)
            ? code
            : throw new InvalidOperationException($"the spec raised {specExceptionName}, which has no ExcCode mapping");
}
