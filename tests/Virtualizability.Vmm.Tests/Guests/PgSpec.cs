using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Vmm.Tests.Guests;

/// <summary>isa-specs/pg-machine.isa, loaded and compiled once for all tests.</summary>
public static class PgSpec
{
    public static readonly SpecFile File = new("pg-machine.isa");

    public static IsaModel Model => File.Model;

    public static CompiledIsa Isa => File.Isa;

    public static MemoryDecl Storage => File.Storage;
}
