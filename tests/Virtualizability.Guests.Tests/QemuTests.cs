using Virtualizability.Guests;

namespace Virtualizability.Guests.Tests;

/// <summary>
/// Every guest program, built here with the cross toolchain, prints on qemu-system-mipsel (-M malta -cpu 24Kc
/// -kernel) exactly its expected.txt, which was captured from QEMU and checked by hand against the expected
/// results (see the comments in each program). This pins the programs, the build recipe and QEMU's behaviour
/// that the board is compared with.
/// </summary>
public class QemuTests
{
    public static TheoryData<string> Programs => new(GuestProgram.All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Programs))]
    public void Qemu_prints_the_expected_output(string name)
    {
        var program = GuestProgram.Named(name);
        using var directory = new TempDirectory();
        var elf = program.Build(directory.Path);
        var run = Qemu.RunElf(elf, TimeSpan.FromSeconds(90));
        Assert.Equal(program.ExpectedOutput, run.Console);
    }

    [Fact]
    public void Every_program_directory_has_a_recipe_and_an_expected_output()
    {
        var directories = Directory.GetDirectories(GuestProgram.SourceRoot)
            .Select(Path.GetFileName)
            .Where(d => d != "common")
            .Order(StringComparer.Ordinal);
        Assert.Equal(GuestProgram.All.Select(p => p.Name).Order(StringComparer.Ordinal), directories);
        foreach (var program in GuestProgram.All)
        {
            Assert.True(program.ExpectedOutput.Length > 0, $"{program.Name}/expected.txt is empty");
            foreach (var source in program.Sources.Append(program.LinkerScript))
                Assert.True(File.Exists(Path.Combine(GuestProgram.SourceRoot, source)), $"{program.Name}: {source} is missing");
        }
    }
}
