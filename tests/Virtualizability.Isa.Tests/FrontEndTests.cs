using System.Diagnostics;
using System.Text;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Isa.Tests;

public class FrontEndTests
{
    private static LoadResult Load(string text) => IsaFrontEnd.LoadText(text, "t.isa");

    private static string Codes(LoadResult r) => string.Join(",", r.Diagnostics.Select(d => d.Code.Id));

    [Fact]
    public void Minimal_spec_loads()
    {
        var r = Load(SpecText.With("""instruction NOP "00000000" { }"""));
        Assert.True(r.Succeeded, string.Join("\n", r.Diagnostics));
    }

    [Fact]
    public void Ambiguous_encodings_are_reported_and_more_specific_ones_are_not()
    {
        var ok = Load(SpecText.With("""
            instruction A "0000 x:4" { }
            instruction B "00000001" { }
            """));
        Assert.True(ok.Succeeded, string.Join("\n", ok.Diagnostics));

        var bad = Load(SpecText.With("""
            instruction A "0000 x:4" { }
            instruction B "000 y:4 1" { }
            """));
        var d = Assert.Single(bad.Diagnostics);
        Assert.Equal(DiagnosticCodes.AmbiguousEncoding, d.Code);
        Assert.Contains("'A' and 'B'", d.Message);
        Assert.Null(bad.Model);
    }

    [Fact]
    public void Identical_patterns_are_ambiguous()
    {
        var bad = Load(SpecText.With("""
            instruction A "00000001" { }
            instruction B "00000001" { }
            """));
        Assert.Equal("PG0052", Codes(bad));
    }

    [Fact]
    public void Byte_encodings_put_the_first_byte_first_and_swap_little_endian_fields()
    {
        var r = Load("""
            isa t "t";
            encoding bytes;
            memory E : bits(32) -> bits(8), little;
            register P : bits(32);
            register M : bits(1);
            roles { pc P; storage E; supervisor when M == 0; enter user { M := 1; } enter supervisor { M := 0; } }
            fn fetch(i : bits(32)) : bits(8) = E[P + i];
            instruction MOV "10111000 imm:32le" { P := imm; }
            instruction NOP "10010000" { }
            """);
        Assert.True(r.Succeeded, string.Join("\n", r.Diagnostics));
        var mov = r.Model!.Instruction("MOV")!.Encoding;
        Assert.Equal(40, mov.Length);
        Assert.Equal((UInt128)0xFF << 32, mov.Mask);
        Assert.Equal((UInt128)0xB8 << 32, mov.Value);
        var imm = Assert.Single(mov.Fields);
        Assert.True(imm.LittleEndian);
        // Bytes B8 78 56 34 12 encode imm = 0x12345678.
        Assert.Equal(0x12345678UL, mov.Extract(((UInt128)0xB8 << 32) | 0x78563412, imm));
        Assert.Equal(40, r.Model.Encoding.MaxLength);
    }

    [Fact]
    public void For_loops_unroll_with_a_compile_time_variable()
    {
        var r = Load(SpecText.With("""
            register G[4] : bits(8);
            instruction CLR "00000001" { for i in 0 .. 3 { G[i] := i; } }
            """));
        Assert.True(r.Succeeded, string.Join("\n", r.Diagnostics));
        var body = r.Model!.Instruction("CLR")!.Body.Statements;
        Assert.Equal(4, body.Length);
        var last = Assert.IsType<RegisterWriteStmt>(Assert.Single(Assert.IsType<Block>(body[3]).Statements));
        Assert.Equal(3UL, Assert.IsType<ConstExpr>(last.Index).Value);
        Assert.Equal(3UL, Assert.IsType<ConstExpr>(last.Value).Value);
    }

    [Fact]
    public void Match_becomes_an_if_chain_and_fields_become_read_modify_write()
    {
        var r = Load(SpecText.With("""
            register S : bits(8) fields { K : 4 .. 3, E : 0 };
            instruction X "0000 op:4" {
              match op { 1 | 2 => S.K := 3; 5 => { S.E := 1; } _ => halt; }
            }
            """));
        Assert.True(r.Succeeded, string.Join("\n", r.Diagnostics));
        var ifs = Assert.IsType<IfStmt>(Assert.Single(r.Model!.Instruction("X")!.Body.Statements));
        Assert.Equal(BinaryOp.LogicalOr, Assert.IsType<BinaryExpr>(ifs.Condition).Op);
        var write = Assert.IsType<RegisterWriteStmt>(Assert.Single(ifs.Then.Statements));
        Assert.Equal(8, write.Value.Type.Width);
        var second = Assert.IsType<IfStmt>(Assert.Single(ifs.Else.Statements));
        Assert.IsType<HaltStmt>(Assert.Single(second.Else.Statements));
        var printed = IrPrinter.Print(r.Model);
        Assert.Contains("S := S[7..5] ++ zext(3, 2) ++ S[2..0];", printed);
        Assert.Equal("", RoundTripProperties.RoundTripProblem(r.Model));
    }

    [Fact]
    public void Includes_resolve_relative_to_the_including_file_and_load_once()
    {
        var dir = Directory.CreateTempSubdirectory("isa-include-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "lib"));
            File.WriteAllText(Path.Combine(dir.FullName, "lib", "regs.isa"), "register G[2] : bits(8);\ninclude \"more.isa\";\n");
            File.WriteAllText(Path.Combine(dir.FullName, "lib", "more.isa"), "register H : bits(8);\n");
            var main = Path.Combine(dir.FullName, "main.isa");
            File.WriteAllText(main, SpecText.With("include \"lib/regs.isa\";\ninclude \"lib/more.isa\";\ninstruction N \"00000000\" { H := G[1]; }"));
            var r = IsaFrontEnd.LoadFile(main);
            Assert.True(r.Succeeded, string.Join("\n", r.Diagnostics));
            Assert.Equal(["P", "M", "G", "H"], r.Model!.Registers.Select(x => x.Name));
            Assert.Equal([0, 1, 2, 4], r.Model.Registers.Select(x => x.Slot));

            var fromText = IsaFrontEnd.LoadText(File.ReadAllText(main), Path.Combine(dir.FullName, "virtual.isa"));
            Assert.True(fromText.Succeeded, string.Join("\n", fromText.Diagnostics));
            Assert.Equal(4, fromText.Model!.Registers.Length);

            File.WriteAllText(Path.Combine(dir.FullName, "lib", "more.isa"), "include \"regs.isa\";\n");
            var cycle = IsaFrontEnd.LoadFile(main);
            var d = cycle.Diagnostics.Single(x => x.Code == DiagnosticCodes.IncludeCycle);
            Assert.Equal(1, d.Span.Line);
            Assert.EndsWith("more.isa", d.Span.File);
            Assert.Contains("regs.isa -> more.isa -> regs.isa", d.Message);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        var deep = new string('(', 100_000) + "1" + new string(')', 100_000);
        var r = Load(SpecText.With($"register X : bits(8);\ninstruction N \"00000000\" {{ X := {deep}; }}"));
        Assert.Contains(r.Diagnostics, d => d.Code == DiagnosticCodes.NestingTooDeep && d.Span.Line == 9);
        var chain = string.Join(" + ", Enumerable.Repeat("X", 100_000));
        var r2 = Load(SpecText.With($"register X : bits(8);\ninstruction N \"00000000\" {{ X := {chain}; }}"));
        Assert.Contains(r2.Diagnostics, d => d.Code == DiagnosticCodes.NestingTooDeep);
        var blocks = new string('{', 100_000) + new string('}', 100_000);
        var r3 = Load(SpecText.With($"instruction N \"00000000\" {blocks}"));
        Assert.Contains(r3.Diagnostics, d => d.Code == DiagnosticCodes.NestingTooDeep);
        var unary = new string('~', 100_000) + "P";
        var r4 = Load(SpecText.With($"instruction N \"00000000\" {{ P := {unary}; }}"));
        Assert.Contains(r4.Diagnostics, d => d.Code == DiagnosticCodes.NestingTooDeep);
    }

    [Fact]
    public void Invalid_utf8_is_reported_at_the_bad_byte()
    {
        var path = Path.GetTempFileName();
        try
        {
            var bytes = Encoding.UTF8.GetBytes("isa t \"x\";\n// caf").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\n")).ToArray();
            File.WriteAllBytes(path, bytes);
            var r = IsaFrontEnd.LoadFile(path);
            var d = Assert.Single(r.Diagnostics);
            Assert.Equal(DiagnosticCodes.InvalidUtf8, d.Code);
            Assert.Equal((2, 7), (d.Span.Line, d.Span.Column));
            Assert.Null(r.Model);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_file_directory_and_empty_text_are_diagnostics()
    {
        var missing = IsaFrontEnd.LoadFile(Path.Combine(Path.GetTempPath(), "no-such-dir-xyz", "nothing.isa"));
        Assert.Equal("PG0001", Codes(missing));
        Assert.False(missing.Succeeded);
        Assert.Equal("PG0002", Codes(IsaFrontEnd.LoadFile(Path.GetTempPath())));
        Assert.Equal("PG0005", Codes(Load("")));
        Assert.Equal("PG0001", Codes(IsaFrontEnd.LoadFile("")));
        Assert.Equal("PG0001", Codes(IsaFrontEnd.LoadFile("bad\0name.isa")));
    }

    [Fact]
    public async Task An_include_of_a_named_pipe_is_refused_without_opening_it()
    {
        // Opening a FIFO for reading blocks until a writer comes; nobody writes to this one. Git cannot hold a FIFO, so
        // the test makes it (Linux and macOS have mkfifo; the refusal itself is Linux's statx).
        if (!OperatingSystem.IsLinux()) return;
        var dir = Directory.CreateTempSubdirectory("pg-fifo-");
        try
        {
            var fifo = Path.Combine(dir.FullName, "pipe.isa");
            using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]))!)
            {
                mkfifo.WaitForExit();
                Assert.Equal(0, mkfifo.ExitCode);
            }
            var main = Path.Combine(dir.FullName, "main.isa");
            File.WriteAllText(main, SpecText.With("""include "pipe.isa";"""));
            var load = Task.Run(() => IsaFrontEnd.LoadFile(main));
            if (await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(60))) != load)
            {
                // Release the blocked reader (it sees end of file) so the test run can end, then fail.
                using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { }
                Assert.Fail("loading a spec that includes a named pipe blocked");
            }
            var error = Assert.Single((await load).Diagnostics);
            Assert.Equal("PG0007", error.Code.Id);
            Assert.Equal(Array.FindIndex(File.ReadAllLines(main), l => l.Contains("pipe.isa")) + 1, error.Span.Line);
            Assert.Contains("named pipe", error.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_endless_device_named_on_the_command_line_is_read_only_to_the_size_limit()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.Equal("PG0003", Codes(IsaFrontEnd.LoadFile("/dev/zero")));
    }

    [Fact]
    public void Errors_are_all_reported_in_one_run()
    {
        var r = Load(SpecText.With("""
            instruction A "00000001" { P := Q; }
            instruction B "00000010" { P := 1 +; }
            instruction C "00000011" { M := P; }
            """));
        Assert.Equal("PG0031,PG0020,PG0061", Codes(r));
    }

    [Fact]
    public void Recursion_is_rejected()
    {
        var r = Load(SpecText.With("""
            fn f(x : bits(8)) : bits(8) = g(x);
            fn g(x : bits(8)) : bits(8) = f(x);
            """));
        var d = r.Diagnostics.First(x => x.Code == DiagnosticCodes.Recursion);
        Assert.Contains("f -> g -> f", d.Message);
    }
}
