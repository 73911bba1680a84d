namespace Virtualizability.Mips.Reference.Tests;

/// <summary>Integer instructions, run from assembled programs; expected values worked out by hand.</summary>
public class ArithmeticProgramTests
{
    [Fact]
    public void Mult_and_multu_give_the_signed_and_unsigned_64_bit_products()
    {
        var p = TestProgram.Build("""
            li $t0, -3
            li $t1, 7
            mult $t0, $t1
            mfhi $s0
            mflo $s1
            multu $t0, $t1
            mfhi $s2
            mflo $s3
            """).RunToHalt();
        Assert.Equal(0xFFFF_FFFFu, p.Reg("s0")); // -21 sign-extended to 64 bits
        Assert.Equal(unchecked((uint)-21), p.Reg("s1"));
        Assert.Equal(6u, p.Reg("s2"));          // 0xFFFFFFFD * 7 = 0x6_FFFFFFEB
        Assert.Equal(0xFFFF_FFEBu, p.Reg("s3"));
    }

    [Fact]
    public void Div_truncates_towards_zero_and_the_remainder_takes_the_dividend_sign()
    {
        var p = TestProgram.Build("""
            li $t0, -7
            li $t1, 2
            div $zero, $t0, $t1
            mflo $s0
            mfhi $s1
            divu $zero, $t0, $t1
            mflo $s2
            mfhi $s3
            """).RunToHalt();
        Assert.Equal(unchecked((uint)-3), p.Reg("s0"));
        Assert.Equal(unchecked((uint)-1), p.Reg("s1"));
        Assert.Equal(0x7FFF_FFFCu, p.Reg("s2")); // 0xFFFFFFF9 / 2
        Assert.Equal(1u, p.Reg("s3"));
    }

    [Fact]
    public void Division_by_zero_leaves_the_dividend_in_lo_and_zero_in_hi_as_qemu()
    {
        var p = TestProgram.Build("""
            li $t0, 1234
            li $t2, 0x80000000
            li $t3, -1
            mthi $t3
            div $zero, $t0, $zero
            mflo $s0
            mfhi $s1
            mthi $t3
            divu $zero, $t0, $zero
            mflo $s2
            mfhi $s3
            div $zero, $t2, $t3
            mflo $s4
            mfhi $s5
            """).RunToHalt();
        Assert.Equal([1234u, 0u, 1234u, 0u, 0x8000_0000u, 0u],
            new[] { p.Reg("s0"), p.Reg("s1"), p.Reg("s2"), p.Reg("s3"), p.Reg("s4"), p.Reg("s5") });
    }

    [Fact]
    public void Madd_and_msub_accumulate_into_hi_lo_and_mul_leaves_them_alone()
    {
        var p = TestProgram.Build("""
            li $t0, 0x10000
            li $t1, 0x10000
            mthi $zero
            li $t2, 5
            mtlo $t2
            madd $t0, $t1
            mfhi $s0
            mflo $s1
            li $t3, 2
            msubu $t2, $t3
            mfhi $s2
            mflo $s3
            mul $s4, $t0, $t3
            mfhi $s5
            """).RunToHalt();
        Assert.Equal(1u, p.Reg("s0"));  // 5 + 2^32
        Assert.Equal(5u, p.Reg("s1"));
        Assert.Equal(0u, p.Reg("s2"));  // 2^32 + 5 - 10 = 0xFFFFFFFB
        Assert.Equal(0xFFFF_FFFBu, p.Reg("s3"));
        Assert.Equal(0x20000u, p.Reg("s4"));
        Assert.Equal(0u, p.Reg("s5"));
    }

    [Fact]
    public void Clz_and_clo_count_leading_bits()
    {
        var p = TestProgram.Build("""
            li $t0, 0x00F00000
            clz $s0, $t0
            clz $s1, $zero
            li $t1, 0xFFF0FFFF
            clo $s2, $t1
            clo $s3, $zero
            """).RunToHalt();
        Assert.Equal([8u, 32u, 12u, 0u], new[] { p.Reg("s0"), p.Reg("s1"), p.Reg("s2"), p.Reg("s3") });
    }

    [Fact]
    public void Ext_ins_and_the_byte_shuffles_move_the_right_bits()
    {
        var p = TestProgram.Build("""
            li $t0, 0x12345678
            ext $s0, $t0, 4, 8
            li $s1, 0xFFFFFFFF
            ins $s1, $t0, 8, 12
            wsbh $s2, $t0
            li $t1, 0x000080F0
            seb $s3, $t1
            seh $s4, $t1
            ext $s5, $t0, 0, 32
            rotr $s6, $t0, 8
            li $t2, 36
            rotrv $s7, $t0, $t2
            """).RunToHalt();
        Assert.Equal(0x67u, p.Reg("s0"));
        Assert.Equal(0xFFF6_78FFu, p.Reg("s1")); // low 12 bits 0x678 into bits 19..8
        Assert.Equal(0x3412_7856u, p.Reg("s2"));
        Assert.Equal(0xFFFF_FFF0u, p.Reg("s3"));
        Assert.Equal(0xFFFF_80F0u, p.Reg("s4"));
        Assert.Equal(0x1234_5678u, p.Reg("s5"));
        Assert.Equal(0x7812_3456u, p.Reg("s6"));
        Assert.Equal(0x8123_4567u, p.Reg("s7")); // rotate by 36 & 31 = 4
    }

    [Fact]
    public void Slt_family_compares_signed_and_unsigned_and_movz_movn_select()
    {
        var p = TestProgram.Build("""
            li $t0, -1
            li $t1, 1
            slt $s0, $t0, $t1
            sltu $s1, $t0, $t1
            slti $s2, $t0, 0
            sltiu $s3, $t1, -1
            li $s4, 0x55
            movz $s4, $t1, $t1
            li $s5, 0x55
            movn $s5, $t1, $t1
            sra $s6, $t0, 31
            srl $s7, $t0, 28
            """).RunToHalt();
        Assert.Equal([1u, 0u, 1u, 1u, 0x55u, 1u, 0xFFFF_FFFFu, 0xFu],
            new[] { p.Reg("s0"), p.Reg("s1"), p.Reg("s2"), p.Reg("s3"), p.Reg("s4"), p.Reg("s5"), p.Reg("s6"), p.Reg("s7") });
    }

    [Fact]
    public void Add_overflow_raises_an_exception_and_leaves_the_destination_unchanged()
    {
        var p = TestProgram.Build("""
            mtc0 $zero, $12
            ehb
            li $t0, 0x7FFFFFFF
            li $s0, 0x1111
            add $s0, $t0, $t0
            addu $s1, $t0, $t0
            """, general: """
            mfc0 $k0, $13
            mfc0 $k1, $14
            b halt
            nop
            """).RunToHalt();
        Assert.Equal(0x1111u, p.Reg("s0"));
        Assert.Equal([ExceptionCode.Overflow], p.Exceptions);
        Assert.Equal((uint)ExceptionCode.Overflow << 2, p.Reg("k0") & 0x7C);
        Assert.Equal(p.Image.Symbol("main") + 20, p.Reg("k1")); // li 0x7FFFFFFF is lui+ori
    }
}
