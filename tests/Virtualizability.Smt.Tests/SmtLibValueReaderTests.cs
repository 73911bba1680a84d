using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Terms;
using Xunit;

namespace Virtualizability.Smt.Tests;

public class SmtLibValueReaderTests
{
    [Fact]
    public void Reads_an_array_value_that_z3_printed_with_let_sharing()
    {
        // z3's get-value for a memory written at a few addresses (seen on ARM's LDM exception return).
        const string text = "(let ((a!1 (store (store ((as const (Array (_ BitVec 32) (_ BitVec 8))) #x00) #x0000000c #x02) #x00000001 #x01)))"
                          + " (store (store a!1 #x00000009 #x40) #x00000010 #x03))";
        var value = (ArrayValue)SmtLibValueReader.Read(SExpression.ParseAll(text).Single(), Sort.Array(32, 8));
        Assert.Equal(new ulong[] { 0x00, 0x01, 0x02, 0x40, 0x03 }, new[] { value.Read(0), value.Read(1), value.Read(0xc), value.Read(9), value.Read(0x10) });
    }

    [Fact]
    public void Let_bindings_are_parallel_and_scoped()
    {
        const string text = "(let ((x #x01)) (let ((x #x02) (y x)) (store ((as const (Array (_ BitVec 8) (_ BitVec 8))) x) #x00 y)))";
        var value = (ArrayValue)SmtLibValueReader.Read(SExpression.ParseAll(text).Single(), Sort.Array(8, 8));
        Assert.Equal(0x01UL, value.Read(0));   // y was bound to the outer x
        Assert.Equal(0x02UL, value.Read(5));   // the default is the inner x
    }
}
