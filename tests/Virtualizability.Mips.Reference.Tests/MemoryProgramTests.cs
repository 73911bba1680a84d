namespace Virtualizability.Mips.Reference.Tests;

/// <summary>Loads and stores, little-endian, from assembled programs.</summary>
public class MemoryProgramTests
{
    private const string Bytes = "buf: .byte 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88\nout: .word 0xFFFFFFFF, 0xFFFFFFFF";

    [Fact]
    public void Lwl_lwr_pair_loads_an_unaligned_word_and_single_halves_merge_into_rt()
    {
        var p = TestProgram.Build("""
            la $a0, buf
            lwl $s0, 4($a0)
            lwr $s0, 1($a0)
            li $s1, 0xAABBCCDD
            lwr $s1, 2($a0)
            li $s2, 0xAABBCCDD
            lwl $s2, 1($a0)
            """, data: Bytes).RunToHalt();
        Assert.Equal(0x5544_3322u, p.Reg("s0")); // bytes buf+1..buf+4
        Assert.Equal(0xAABB_4433u, p.Reg("s1"));
        Assert.Equal(0x2211_CCDDu, p.Reg("s2"));
    }

    [Fact]
    public void Swl_swr_pair_stores_an_unaligned_word_without_touching_neighbours()
    {
        var p = TestProgram.Build("""
            la $a0, out
            li $t0, 0xA1B2C3D4
            swl $t0, 4($a0)
            swr $t0, 1($a0)
            """, data: Bytes).RunToHalt();
        uint output = p.Image.Symbol("out");
        Assert.Equal(0xB2C3_D4FFu, p.Word(output));
        Assert.Equal(0xFFFF_FFA1u, p.Word(output + 4));
    }

    [Fact]
    public void Narrow_loads_sign_or_zero_extend_and_narrow_stores_write_only_their_bytes()
    {
        var p = TestProgram.Build("""
            la $a0, buf
            lb $s0, 7($a0)
            lbu $s1, 7($a0)
            lh $s2, 6($a0)
            lhu $s3, 6($a0)
            la $a1, out
            li $t0, 0x12345678
            sb $t0, 0($a1)
            sh $t0, 6($a1)
            """, data: Bytes).RunToHalt();
        Assert.Equal([0xFFFF_FF88u, 0x88u, 0xFFFF_8877u, 0x8877u], new[] { p.Reg("s0"), p.Reg("s1"), p.Reg("s2"), p.Reg("s3") });
        uint output = p.Image.Symbol("out");
        Assert.Equal(0xFFFF_FF78u, p.Word(output));
        Assert.Equal(0x5678_FFFFu, p.Word(output + 4));
    }

    [Fact]
    public void Sc_succeeds_after_ll_and_fails_when_the_link_is_gone()
    {
        var p = TestProgram.Build("""
            la $a0, out
            ll $t0, 0($a0)
            addiu $t0, $t0, 2
            sc $t0, 0($a0)
            move $s0, $t0
            li $t1, 0x99
            sc $t1, 4($a0)
            move $s1, $t1
            """, data: Bytes).RunToHalt();
        uint output = p.Image.Symbol("out");
        Assert.Equal(1u, p.Reg("s0"));
        Assert.Equal(1u, p.Word(output));             // 0xFFFFFFFF + 2
        Assert.Equal(0u, p.Reg("s1"));
        Assert.Equal(0xFFFF_FFFFu, p.Word(output + 4)); // the failed SC stored nothing
        Assert.Equal((output & 0x1FFF_FFFFu) >> 4, p.State.LLAddr);
    }

    [Fact]
    public void Misaligned_word_load_is_an_address_error_with_badvaddr()
    {
        var p = TestProgram.Build("""
            mtc0 $zero, $12
            ehb
            la $a0, buf
            lw $t0, 2($a0)
            """, general: """
            mfc0 $k0, $13
            mfc0 $k1, $8
            b halt
            nop
            """, data: Bytes).RunToHalt();
        Assert.Equal([ExceptionCode.AddressErrorLoad], p.Exceptions);
        Assert.Equal(p.Image.Symbol("buf") + 2, p.Reg("k1"));
        Assert.Equal(4u << 2, p.Reg("k0") & 0x7C);
    }
}
