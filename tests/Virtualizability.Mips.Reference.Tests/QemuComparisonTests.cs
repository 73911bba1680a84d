using Virtualizability.Guests;

namespace Virtualizability.Mips.Reference.Tests;

/// <summary>
/// Builds a bare-metal C program, runs it on qemu-system-mipsel (-M malta -cpu 24Kc -kernel) and on the
/// reference interpreter, and requires the same console output. Needs gcc-mipsel-linux-gnu and QEMU.
/// </summary>
public class QemuComparisonTests
{
    private static string BuildGuest(string sourceName, string directory) =>
        MipselToolchain.CompileBareMetal(Path.Combine(AppContext.BaseDirectory, "GuestPrograms", sourceName),
            Path.Combine(directory, Path.ChangeExtension(sourceName, ".elf")));

    private static string RunOnQemu(string elf) => Qemu.RunElf(elf, TimeSpan.FromSeconds(30)).Console;

    private static string RunOnReference(string elf)
    {
        var image = ElfImage.Load(elf);
        var ram = new PhysicalMemory(128 << 20);
        image.LoadInto(ram);
        var bus = new MaltaConsoleBus(ram);
        var interpreter = new MipsInterpreter(MipsState.AfterKernelLoad(image.Entry), bus);
        bus.OnReset = interpreter.RequestStop;
        long steps = interpreter.Run(20_000_000);
        Assert.True(bus.ResetRequested, $"the guest did not write the reset register within {steps} steps; console so far:\n{bus.Console}");
        return bus.Console;
    }

    [Fact]
    public void Compare_program_prints_the_same_on_qemu_and_on_the_reference()
    {
        var directory = CrossToolchain.NewWorkDirectory();
        try
        {
            var elf = BuildGuest("compare.c", directory);
            string expected = RunOnQemu(elf);
            Assert.Contains("done\n", expected); // QEMU ran it to the end
            Assert.Equal(expected, RunOnReference(elf));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
