namespace Virtualizability.Vmm.Mips;

/// <summary>
/// One VM's console when several share a terminal: bytes are held until a newline, then the whole line goes out with
/// the VM's prefix ("[vm0] "), so lines of different VMs never interleave mid-line. <see cref="Flush"/> keeps a
/// partial line (it may still grow); <see cref="Complete"/> writes it out at the end of the run.
/// </summary>
public sealed class PrefixedLineStream(Stream output, string prefix) : Stream
{
    private readonly byte[] _prefix = System.Text.Encoding.UTF8.GetBytes(prefix);
    private readonly MemoryStream _line = new();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        foreach (var b in buffer)
        {
            _line.WriteByte(b);
            if (b == (byte)'\n') EmitLine();
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => output.Flush();

    /// <summary>Writes a last line without a newline, if any, and flushes.</summary>
    public void Complete()
    {
        if (_line.Length > 0) EmitLine();
        output.Flush();
    }

    private void EmitLine()
    {
        output.Write(_prefix);
        output.Write(_line.GetBuffer().AsSpan(0, (int)_line.Length));
        _line.SetLength(0);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
