using Virtualizability.Isa.Ir;

namespace Virtualizability.Vmm.Identity;

/// <summary>
/// Allocator policy of the identity VMM: exceptions that real user mode raises exactly where the guest's step would,
/// whatever its virtual mode, and only after the instruction's writes, so that they must be reflected rather than
/// interpreted (the interpreter would re-run the instruction on registers it already wrote).
/// <list type="bullet">
/// <item>s360 FixedOverflow: AR, SR, A, S store the sum and set CC 3 first, then interrupt when the program mask's
/// fixed-point-overflow bit is set; the condition reads only operands and the PSW's program mask, not the
/// problem-state bit. (Found by `pgcheck prove`: AR equivalence failed while they were interpreted.)</item>
/// <item>MC68000/68010 ZeroDivide (tests/unseen-specs): DIVU takes its (An)+ / -(An) step, then the divisor 0 traps,
/// whatever the S bit. (Found by `pgcheck prove`: DIVU equivalence failed while it was interpreted.)</item>
/// </list>
/// </summary>
public static class ModeIndependentTraps
{
    public static IReadOnlySet<ExceptionDecl> For(IsaModel model)
    {
        var names = model.Name switch
        {
            "s360" => new[] { "FixedOverflow" },
            "m68000" or "m68010" => ["ZeroDivide"],
            _ => [],
        };
        return names.Select(model.Exception).OfType<ExceptionDecl>().ToHashSet();
    }
}
