using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;
using Xunit;

namespace Virtualizability.Smt.Tests;

/// <summary>The IR's register-file and memory rules on symbolic states.</summary>
public class StateAccessTests
{
    private static readonly RegisterDecl File = Ir.Register("R", 8, 0, count: 6, new HardwiredEntry(0, 0x5A));
    private static readonly MemoryDecl Big = new("E", 16, 8, Endianness.Big, 0, Ir.S);
    private static readonly SymbolicState State = new([.. Enumerable.Range(0, 6).Select(i => Term.BvVar($"r{i}", 8))], [Term.Var("E", Sort.Array(16, 8))]);

    [Fact]
    public void Symbolic_register_index_reads_hardwired_entries_entries_and_zero_past_the_file()
    {
        var i = Term.BvVar("i", 3);
        var read = StateAccess.ReadRegister(State, File, i);
        ModelValue At(ulong index) => TermEvaluator.Evaluate(read, new Dictionary<string, ModelValue>
        {
            ["i"] = new BitVecValue(index, 3), ["r3"] = new BitVecValue(0x33, 8),
        });
        Assert.Equal(new BitVecValue(0x5A, 8), At(0));
        Assert.Equal(new BitVecValue(0x33, 8), At(3));
        Assert.Equal(new BitVecValue(0, 8), At(7));
    }

    [Fact]
    public void Writes_to_hardwired_entries_and_past_the_file_change_nothing()
    {
        Assert.Same(State, StateAccess.WriteRegister(State, File, Term.Bv(0, 3), Term.Bv(1, 8)));
        Assert.Same(State, StateAccess.WriteRegister(State, File, Term.Bv(6, 3), Term.Bv(1, 8)));
    }

    [Fact]
    public void Big_endian_multi_cell_write_puts_the_most_significant_byte_first_and_reads_back()
    {
        var a = Term.BvVar("a", 16);
        var v = Term.BvVar("v", 32);
        var written = StateAccess.WriteMemory(State, Big, a, 4, v);
        Assert.Same(v, StateAccess.ReadMemory(written, Big, a, 4));
        Assert.Same(Term.Extract(v, 31, 24), Term.Select(written.Memory(Big), a));
    }
}
