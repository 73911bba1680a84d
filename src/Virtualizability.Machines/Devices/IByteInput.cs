namespace Virtualizability.Machines.Devices;

/// <summary>Bytes arriving at a device from the host, taken without blocking the guest.</summary>
public interface IByteInput
{
    /// <summary>The next byte when one has arrived; false (at once) when none has.</summary>
    bool TryRead(out byte value);
}

/// <summary>A line with nothing on it.</summary>
public sealed class NoInput : IByteInput
{
    public static NoInput Instance { get; } = new();

    public bool TryRead(out byte value)
    {
        value = 0;
        return false;
    }
}
