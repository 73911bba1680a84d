using System.Text;
using Virtualizability.Execution;

namespace Virtualizability.Vmm.Tests.Guests;

/// <summary>
/// A byte-wide console at <see cref="Address"/>: writes there print a character; reads anywhere return
/// <see cref="ReadValue"/> per cell. The same device serves a bare machine (on its bus beyond RAM) and a VM.
/// </summary>
public sealed class ConsoleDevice : IMemoryBus
{
    public const ulong Address = 0xF000;
    public const ulong ReadValue = 0x42;

    public StringBuilder Output { get; } = new();

    public ulong Read(int memoryIndex, ulong address, int cells)
    {
        ulong value = 0;
        for (var i = 0; i < cells; i++) value = value << 8 | ReadValue;
        return value;
    }

    public void Write(int memoryIndex, ulong address, int cells, ulong value)
    {
        if (address == Address && cells == 1) Output.Append((char)value);
    }
}
