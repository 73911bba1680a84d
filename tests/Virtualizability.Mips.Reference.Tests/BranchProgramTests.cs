namespace Virtualizability.Mips.Reference.Tests;

/// <summary>Branch delay slots and branch-likely nullification (Vol. II 2.3), from assembled programs.</summary>
public class BranchProgramTests
{
    [Fact]
    public void The_delay_slot_of_a_taken_branch_executes_and_the_fall_through_does_not()
    {
        var p = TestProgram.Build("""
            li $s0, 0
            beq $zero, $zero, 1f
            addiu $s0, $s0, 1
            addiu $s0, $s0, 10
            1:
            li $t0, 5
            bne $t0, $zero, 2f
            addiu $s1, $zero, 3
            addiu $s1, $s1, 100
            2:
            """).RunToHalt();
        Assert.Equal(1u, p.Reg("s0"));
        Assert.Equal(3u, p.Reg("s1"));
    }

    [Fact]
    public void Branch_likely_nullifies_its_delay_slot_only_when_not_taken()
    {
        var p = TestProgram.Build("""
            li $t0, 1
            nottaken:
            beql $t0, $zero, 1f
            addiu $s0, $s0, 1
            addiu $s0, $s0, 10
            1:
            bnel $t0, $zero, 2f
            addiu $s1, $s1, 1
            addiu $s1, $s1, 10
            2:
            """).RunToHalt();
        Assert.Equal(10u, p.Reg("s0"));
        Assert.Equal(1u, p.Reg("s1"));
        uint nullifiedSlot = p.Image.Symbol("nottaken") + 4;
        Assert.DoesNotContain(p.Steps, s => s.Pc == nullifiedSlot);
    }

    [Fact]
    public void Jal_jalr_and_bltzal_link_to_the_instruction_after_the_delay_slot()
    {
        var p = TestProgram.Build("""
            call1:
            jal sub
            nop
            move $s0, $v0
            la $t9, sub
            call2:
            jalr $t9
            nop
            move $s1, $v0
            li $t0, 1
            call3:
            bltzal $t0, sub
            nop
            move $s2, $ra
            b halt
            nop
            sub:
            jr $ra
            move $v0, $ra
            """).RunToHalt();
        Assert.Equal(p.Image.Symbol("call1") + 8, p.Reg("s0"));
        Assert.Equal(p.Image.Symbol("call2") + 8, p.Reg("s1"));
        Assert.Equal(p.Image.Symbol("call3") + 8, p.Reg("s2")); // linked although not taken
    }
}
