using Virtualizability.Isa.Ir;

namespace Virtualizability.Isa.Tests;

public class PgMachineTests
{
    private static readonly Lazy<IsaModel> Model = new(() =>
    {
        var result = IsaFrontEnd.LoadFile(TestPaths.PgMachine);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Model!;
    });

    [Fact]
    public void Loads_without_diagnostics()
    {
        var result = IsaFrontEnd.LoadFile(TestPaths.PgMachine);
        Assert.Empty(result.Diagnostics);
        Assert.True(result.Succeeded);
        Assert.Equal("pg_machine", result.Model!.Name);
    }

    [Fact]
    public void Registers_get_consecutive_slots_in_declaration_order()
    {
        var m = Model.Value;
        Assert.Equal(["M", "P", "NP", "L", "B", "G"], m.Registers.Select(r => r.Name));
        Assert.Equal([0, 1, 2, 3, 4, 5], m.Registers.Select(r => r.Slot));
        Assert.Equal(1, m.Register("M")!.Width);
        var g = m.Register("G")!;
        Assert.True(g.IsFile);
        Assert.Equal(8, g.Count);
        Assert.Equal(16, g.Width);
        Assert.Equal(13, m.StateSlots);
    }

    [Fact]
    public void Has_every_instruction_with_indices_in_order()
    {
        var m = Model.Value;
        // The spec declares 26 instructions (LW .. NOP).
        Assert.Equal(26, m.Instructions.Length);
        Assert.Equal(Enumerable.Range(0, 26), m.Instructions.Select(i => i.Index));
        Assert.Equal("LW", m.Instructions[0].Name);
        Assert.Equal("NOP", m.Instructions[^1].Name);
    }

    [Fact]
    public void Roles_are_bound()
    {
        var roles = Model.Value.Roles;
        Assert.Equal("P", roles.ProgramCounter.Name);
        Assert.Equal("E", roles.Storage.Name);
        Assert.Equal(["L", "B"], roles.Resources.Select(r => r.ToString()));
        Assert.Equal(["M"], roles.ModeState.Select(r => r.ToString()));
        var supervisor = Assert.IsType<BinaryExpr>(roles.Supervisor);
        Assert.Equal(BinaryOp.Eq, supervisor.Op);
        Assert.Equal(IrType.Bits(1), Assert.IsType<ConstExpr>(supervisor.Right).Type);
        Assert.Single(roles.EnterUser.Statements);
        Assert.Empty(roles.Time);
    }

    [Fact]
    public void VmMap_moves_storage_by_its_parameter()
    {
        var vm = Model.Value.VmMap!;
        Assert.Equal("relocate", vm.Name);
        Assert.Equal("E", vm.MovedStorage.Name);
        Assert.Same(vm.Offset, Assert.IsType<LocalExpr>(vm.MoveBy).Local);
        Assert.IsType<RegisterWriteStmt>(Assert.Single(vm.Body.Statements));
    }

    [Fact]
    public void Encodings_have_the_expected_mask_and_value()
    {
        var m = Model.Value;
        var add = m.Instruction("ADD")!.Encoding;
        Assert.Equal(32, add.Length);
        Assert.Equal((UInt128)0xFC01FFFF, add.Mask);
        Assert.Equal((UInt128)0x40000000, add.Value);
        Assert.Equal(["ra", "rb", "rc"], add.Fields.Select(f => f.Name));
        Assert.Equal([23, 20, 17], add.Fields.Select(f => f.Offset));

        var lw = m.Instruction("LW")!.Encoding;
        Assert.Equal((UInt128)0xFC0F0000, lw.Mask);
        Assert.Equal((UInt128)0x04000000, lw.Value);
        var imm = lw.Fields.Single(f => f.Name == "imm");
        Assert.Equal((0, 16), (imm.Offset, imm.Width));
        Assert.Equal(0x1234UL, lw.Extract(0x04001234, imm));

        var nop = m.Instruction("NOP")!.Encoding;
        Assert.Equal((UInt128)0xFFFFFFFF, nop.Mask);
        Assert.Equal(UInt128.Zero, nop.Value);
    }

    [Fact]
    public void Fetch_function_and_exceptions_are_bound()
    {
        var m = Model.Value;
        Assert.Equal(EncodingKind.Fixed, m.Encoding.Kind);
        Assert.Equal(32, m.Encoding.Width);
        Assert.Equal("fetch", m.Encoding.Fetch.Name);
        Assert.Equal(IrType.Bits(32), m.Encoding.Fetch.ReturnType);
        Assert.Equal(["MemoryViolation", "PrivilegedOperation", "SupervisorCall", "IllegalInstruction", "Overflow"],
            m.Exceptions.Select(e => e.Name));
        Assert.Equal([0, 1, 2, 3, 4], m.Exceptions.Select(e => e.Index));
    }

    [Fact]
    public void Require_is_lowered_to_if_trap()
    {
        var privileged = Model.Value.Function("privileged")!;
        var ifs = Assert.IsType<IfStmt>(Assert.Single(privileged.Body.Statements));
        Assert.Equal(UnaryOp.LogicalNot, Assert.IsType<UnaryExpr>(ifs.Condition).Op);
        Assert.Equal("PrivilegedOperation", Assert.IsType<TrapStmt>(Assert.Single(ifs.Then.Statements)).Exception.Name);
    }

    [Fact]
    public void Bit_vector_constants_stay_named()
    {
        var m = Model.Value;
        Assert.Equal(["PSW_OLD", "PSW_NEW", "TRAP_CODE", "TRAP_ARG"], m.Constants.Select(c => c.Name));
        Assert.Equal(0x12UL, m.Constants[3].Value);
    }

    [Fact]
    public void Print_round_trips_to_equal_IR_and_identical_text()
    {
        var printed = IrPrinter.Print(Model.Value);
        var again = IsaFrontEnd.LoadText(printed, "printed.isa");
        Assert.True(again.Succeeded, string.Join("\n", again.Diagnostics) + "\n" + printed);
        Assert.Null(IrEquality.FirstDifference(Model.Value, again.Model!));
        Assert.Equal(printed, IrPrinter.Print(again.Model!));
    }
}
