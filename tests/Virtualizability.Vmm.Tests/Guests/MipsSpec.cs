namespace Virtualizability.Vmm.Tests.Guests;

/// <summary>isa-specs/mips32.isa, loaded and compiled once for all tests.</summary>
public static class MipsSpec
{
    public static readonly SpecFile File = new("mips32.isa");
}
