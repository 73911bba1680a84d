namespace Virtualizability.Guests;

/// <summary>Runs a bare-metal ELF the way shared/REFERENCES.md measured QEMU 7.2: -M malta -cpu 24Kc -kernel.</summary>
public static class Qemu
{
    public sealed record Run(string Console, TimeSpan WallTime);

    /// <summary>Runs <paramref name="elf"/> until the guest writes the Malta reset register (-no-reboot makes QEMU
    /// exit then); the console is the 16550's output. Fails on a timeout or a non-zero exit.</summary>
    /// <param name="memory">QEMU's -m (MiB)</param>
    /// <param name="input">bytes for the guest's console (QEMU's stdin), or none</param>
    public static Run RunElf(string elf, TimeSpan timeout, string memory = "256", string? input = null)
    {
        var qemu = CrossTools.Require("qemu-system-mipsel");
        var result = CrossTools.Run(qemu,
            ["-M", "malta", "-cpu", "24Kc", "-m", memory, "-nographic", "-no-reboot", "-kernel", elf], timeout, input: input);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"qemu-system-mipsel exited with {result.ExitCode}:\n{result.Stderr}{result.Stdout}");
        return new Run(result.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal), result.Elapsed);
    }
}
