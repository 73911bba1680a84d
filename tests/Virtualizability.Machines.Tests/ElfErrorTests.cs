using Virtualizability.Guests;
using Virtualizability.Machines.Elf;
using Xunit;

namespace Virtualizability.Machines.Tests;

/// <summary>Files the board must refuse with a message naming the file and the problem (never an ELFSharp exception).</summary>
public class ElfErrorTests
{
    private static string BuildTinyElf(TempDirectory work)
    {
        var source = work.File("tiny.s");
        File.WriteAllText(source, ".text\n.globl _start\n_start:\n lui $2, 0xbf00\n li $3, 0x42\n sw $3, 0x500($2)\n1: b 1b\n nop\n");
        return MipselToolchain.AssembleAndLink(source, work.File("tiny.elf"));
    }

    private static string Refusal(string path) => Assert.Throws<ElfLoadException>(() => ElfReaderMips.Read(path)).Message;

    [Fact]
    public void A_valid_tiny_elf_loads_and_runs_to_the_reset_register()
    {
        using var work = new TempDirectory();
        var run = GuestRun.Elf(BuildTinyElf(work)).EndedByReset();
        Assert.Equal(3, run.Report.Instructions);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var work = new TempDirectory();
        var message = Refusal(work.File("absent.elf"));
        Assert.Contains("absent.elf", message);
        Assert.Contains("cannot read", message);
    }

    [Fact]
    public void Garbage_is_not_an_elf_file()
    {
        using var work = new TempDirectory();
        File.WriteAllText(work.File("garbage.elf"), "this is not an executable");
        Assert.Contains("garbage.elf: not an ELF file", Refusal(work.File("garbage.elf")));
    }

    [Fact]
    public void Truncated_files_are_reported_at_every_cut()
    {
        using var work = new TempDirectory();
        var bytes = File.ReadAllBytes(BuildTinyElf(work));
        // Cuts inside the ELF header, the program headers and the segment contents (a cut in the section headers
        // leaves a file QEMU runs: see Damaged_section_headers_do_not_stop_a_file_qemu_runs).
        foreach (var length in new[] { 4, 20, 51, 60, 100, 0x1010 })
        {
            var path = work.File($"cut{length}.elf");
            File.WriteAllBytes(path, bytes[..length]);
            var error = Record.Exception(() => ElfReaderMips.Read(path));
            var refused = Assert.IsType<ElfLoadException>(error);
            Assert.StartsWith(path + ":", refused.Message);
        }
    }

    [Fact]
    public void Corrupted_headers_are_refused_without_a_foreign_exception()
    {
        using var work = new TempDirectory();
        var bytes = File.ReadAllBytes(BuildTinyElf(work));
        var random = new Random(4);
        for (var trial = 0; trial < 200; trial++)
        {
            var copy = (byte[])bytes.Clone();
            // Scribble over the ELF header and program headers (offsets 16..52+32*phnum), keeping the magic, class and data bytes.
            for (var k = 0; k < 4; k++) copy[random.Next(16, 52 + 32 * 3)] = (byte)random.Next(256);
            var path = work.File("corrupt.elf");
            File.WriteAllBytes(path, copy);
            var error = Record.Exception(() => ElfReaderMips.Read(path));
            // Some scribbles leave a loadable file; the rest must be refused with our own error type.
            if (error is not null) Assert.IsType<ElfLoadException>(error);
        }
    }

    [Fact]
    public void Foreign_elf_files_say_what_they_are()
    {
        using var work = new TempDirectory();
        var bytes = File.ReadAllBytes(BuildTinyElf(work));

        var x86 = (byte[])bytes.Clone();
        x86[18] = 3; // e_machine = EM_386
        x86[19] = 0;
        File.WriteAllBytes(work.File("x86.elf"), x86);
        Assert.Contains("not MIPS", Refusal(work.File("x86.elf")));

        var wide = (byte[])bytes.Clone();
        wide[4] = 2; // ELFCLASS64
        File.WriteAllBytes(work.File("wide.elf"), wide);
        Assert.Contains("64-bit", Refusal(work.File("wide.elf")));

        var big = (byte[])bytes.Clone();
        big[5] = 2; // ELFDATA2MSB
        File.WriteAllBytes(work.File("big.elf"), big);
        Assert.Contains("big-endian", Refusal(work.File("big.elf")));

        var relocatable = (byte[])bytes.Clone();
        relocatable[16] = 1; // ET_REL
        File.WriteAllBytes(work.File("rel.elf"), relocatable);
        Assert.Contains("not an executable", Refusal(work.File("rel.elf")));
    }

    [Fact]
    public void A_real_big_endian_mips_executable_is_refused()
    {
        using var work = new TempDirectory();
        var source = work.File("be.s");
        File.WriteAllText(source, ".text\n.globl _start\n_start:\n nop\n");
        MipselToolchain.Assemble(source, work.File("be.o"), ["-march=mips32r2", "-EB"]);
        MipselToolchain.Link(work.File("be.o"), work.File("be.elf"), extra: ["-EB"]);
        Assert.Contains("big-endian", Refusal(work.File("be.elf")));
    }

    [Fact]
    public void A_segment_beyond_ram_is_refused_when_loading()
    {
        using var work = new TempDirectory();
        // .data at kseg0 0x90100000 is physical 0x10100000: past the 256 MiB of RAM.
        var dataSource = work.File("data.s");
        File.WriteAllText(dataSource, ".text\n.globl _start\n_start:\n nop\n.data\n.word 1\n");
        MipselToolchain.Assemble(dataSource, work.File("data.o"));
        MipselToolchain.Link(work.File("data.o"), work.File("far.elf"), extra: ["-EL", "-Tdata=0x90100000"]);
        using var console = new MemoryStream();
        var board = GuestRun.NewBoard(console);
        var program = ElfReaderMips.Read(work.File("far.elf"));
        var message = Assert.Throws<ElfLoadException>(() => board.Load(program)).Message;
        Assert.Contains("outside RAM", message);
        Assert.Contains("far.elf", message);
    }

    private static string Patched(TempDirectory work, string name, Action<byte[]> patch)
    {
        var bytes = File.ReadAllBytes(BuildTinyElf(work));
        patch(bytes);
        var path = work.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Damaged_section_headers_do_not_stop_a_file_qemu_runs()
    {
        // QEMU's loader reads the ELF header and the program headers only; so does the board (found with files whose
        // section headers were cut off, pointed past the end, or counted absurdly: QEMU ran them all).
        using var work = new TempDirectory();
        var full = File.ReadAllBytes(BuildTinyElf(work));
        File.WriteAllBytes(work.File("cut.elf"), full[..^1]);
        var files = new[]
        {
            work.File("cut.elf"),
            Patched(work, "shoff.elf", b => BitConverter.TryWriteBytes(b.AsSpan(32, 4), 0x7FFF_FFF0u)),
            Patched(work, "shnum.elf", b => BitConverter.TryWriteBytes(b.AsSpan(48, 2), (ushort)0xFFFF)),
            Patched(work, "sstrip.elf", b => { BitConverter.TryWriteBytes(b.AsSpan(32, 4), 0u); b.AsSpan(46, 6).Clear(); }),
            Patched(work, "phentsize.elf", b => BitConverter.TryWriteBytes(b.AsSpan(42, 2), (ushort)8)),
        };
        foreach (var path in files) Assert.Equal(3, GuestRun.Elf(path).EndedByReset().Report.Instructions);
    }

    [Fact]
    public void Absurd_program_header_tables_are_refused()
    {
        using var work = new TempDirectory();
        Assert.Contains("65535 program headers need bytes", Refusal(Patched(work, "phnum.elf", b => BitConverter.TryWriteBytes(b.AsSpan(44, 2), (ushort)0xFFFF))));
        Assert.Contains("program headers need bytes 0x7ffffff0", Refusal(Patched(work, "phoff.elf", b => BitConverter.TryWriteBytes(b.AsSpan(28, 4), 0x7FFF_FFF0u))));
        Assert.Contains("no program headers", Refusal(Patched(work, "nophdr.elf", b => b.AsSpan(44, 2).Clear())));
    }

    [Fact]
    public void A_directory_and_an_empty_file_say_so()
    {
        using var work = new TempDirectory();
        Assert.Contains("is a directory", Refusal(work.Path));
        File.WriteAllBytes(work.File("empty.elf"), []);
        Assert.Contains("the file is empty", Refusal(work.File("empty.elf")));
    }

    [Fact]
    public void Foreign_machines_are_named_and_a_wrong_byte_order_byte_is_not_a_foreign_machine()
    {
        using var work = new TempDirectory();
        Assert.Contains("built for x86-64, not MIPS", Refusal(Patched(work, "amd64.elf", b => { b[4] = 2; b[18] = 62; })));
        Assert.Contains("built for ARM", Refusal(Patched(work, "arm.elf", b => b[18] = 40)));
        Assert.Contains("big-endian", Refusal(Patched(work, "flipped.elf", b => b[5] = 2)));
    }

    [Fact]
    public void Overlapping_segments_kuseg_entry_points_and_boot_rom_addresses_are_refused_when_loading()
    {
        using var work = new TempDirectory();
        var source = work.File("two.s");
        File.WriteAllText(source, ".text\n.globl _start\n_start:\n nop\n.data\n.word 1\n");
        MipselToolchain.Assemble(source, work.File("two.o"));
        // .data at kseg1 0xa0100000 is the same physical address as .text at kseg0 0x80100000.
        MipselToolchain.Link(work.File("two.o"), work.File("overlap.elf"), extra: ["-EL", "-Tdata=0xa0100000"]);
        using var console = new MemoryStream();
        var board = GuestRun.NewBoard(console);
        var overlap = Assert.Throws<ElfLoadException>(() => board.Load(ElfReaderMips.Read(work.File("overlap.elf")))).Message;
        Assert.Contains("overlaps PT_LOAD segment", overlap);

        // A ROM-style program linked at the reset vector: -kernel loads RAM only.
        MipselToolchain.Link(work.File("two.o"), work.File("rom.elf"), 0xBFC0_0000);
        var rom = Assert.Throws<ElfLoadException>(() => board.Load(ElfReaderMips.Read(work.File("rom.elf")))).Message;
        Assert.Contains("lies in the boot ROM", rom);

        MipselToolchain.Link(work.File("two.o"), work.File("kuseg.elf"), 0x0010_0000);
        var kuseg = Assert.Throws<ElfLoadException>(() => board.Load(ElfReaderMips.Read(work.File("kuseg.elf")))).Message;
        Assert.Contains("entry point 0x00100000 is in kuseg", kuseg);
    }

    [Fact]
    public void The_firmware_tables_are_laid_out_as_qemus()
    {
        var program = new ElfProgram("/some/where/prog.elf", 0x8010_0000, [new ElfSegment(0x10_0000, [0, 0, 0, 0], 4)]) { CommandLine = "console=ttyS0" };
        var block = FirmwareEnvironment.Build(program, 64L << 20, 1L << 30);
        Assert.Equal(0x1040, block.Length);
        string[] expected = ["/some/where/prog.elf", "console=ttyS0", "memsize", "67108864", "ememsize", "1073741824", "modetty0", "38400n8r", "rngseed"];
        for (var i = 0; i < expected.Length; i++)
        {
            var pointer = BitConverter.ToUInt32(block, 4 * i);
            Assert.Equal(0x8000_2040u + 256u * (uint)i, pointer);
            var text = block.AsSpan((int)(pointer - 0x8000_2000));
            Assert.Equal(expected[i], System.Text.Encoding.ASCII.GetString(text[..text.IndexOf((byte)0)]));
        }
        Assert.Equal(64, System.Text.Encoding.ASCII.GetString(block, 0x2040 - 0x2000 + 9 * 256, 64).Length);
        Assert.Equal(0u, BitConverter.ToUInt32(block, 4 * 10)); // the NULL that ends envp
        // The same program gets the same seed (bare and under the VMM they print the same).
        Assert.Equal(block, FirmwareEnvironment.Build(program, 64L << 20, 1L << 30));
    }

    [Fact]
    public void Ram_too_small_for_the_firmware_tables_is_refused()
    {
        using var work = new TempDirectory();
        using var console = new MemoryStream();
        var board = GuestRun.NewBoard(console, ramBytes: 8 << 10);
        var message = Assert.Throws<BoardException>(() => board.Load(ElfReaderMips.Read(BuildTinyElf(work)))).Message;
        Assert.Contains("cannot hold the firmware's argument tables", message);
    }
}
