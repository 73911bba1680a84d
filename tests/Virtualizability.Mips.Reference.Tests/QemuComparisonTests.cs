namespace Virtualizability.Mips.Reference.Tests;

/// <summary>
/// Builds a bare-metal C program, runs it on qemu-system-mipsel (-M malta -cpu 24Kc -kernel) and on the
/// reference interpreter, and requires the same console output. Needs gcc-mipsel-linux-gnu and QEMU.
/// </summary>
public class QemuComparisonTests
{
    private const string GccFlags =
        "-march=mips32r2 -EL -msoft-float -ffreestanding -nostdlib -fno-pic -mno-abicalls -G0 -O2 -static -no-pie";

    private static string BuildGuest(string sourceName, string directory)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "GuestPrograms", sourceName);
        var elf = Path.Combine(directory, Path.ChangeExtension(sourceName, ".elf"));
        CrossToolchain.Run(CrossToolchain.Require("mipsel-linux-gnu-gcc"),
            $"{GccFlags} -Wl,-Ttext=0x80100000 -Wl,-e,_start -o {elf} {source}");
        return elf;
    }

    private static string RunOnQemu(string elf)
    {
        var output = CrossToolchain.Run(CrossToolchain.Require("qemu-system-mipsel"),
            $"-M malta -cpu 24Kc -nographic -no-reboot -kernel {elf}", TimeSpan.FromSeconds(30));
        return output.Replace("\r\n", "\n");
    }

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
