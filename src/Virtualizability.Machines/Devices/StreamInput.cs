using System.Collections.Concurrent;

namespace Virtualizability.Machines.Devices;

/// <summary>
/// Reads a host stream (stdin) on a background thread into a queue, so that the guest polling the UART never
/// blocks the emulator. The thread starts on the first poll: a guest that never reads its console does not
/// consume the host's stdin. It is a background thread, so a read blocked on a terminal does not keep the
/// process alive.
/// </summary>
public sealed class StreamInput(Stream stream) : IByteInput
{
    private readonly ConcurrentQueue<byte> _received = new();
    private Thread? _reader;

    public bool TryRead(out byte value)
    {
        if (_reader is null)
        {
            _reader = new Thread(Pump) { IsBackground = true, Name = "guest console input" };
            _reader.Start();
        }
        return _received.TryDequeue(out value);
    }

    private void Pump()
    {
        var buffer = new byte[256];
        try
        {
            int count;
            while ((count = stream.Read(buffer, 0, buffer.Length)) > 0)
                for (var i = 0; i < count; i++) _received.Enqueue(buffer[i]);
        }
        catch (IOException)
        {
            // The host closed the console: the guest just sees no more input.
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
