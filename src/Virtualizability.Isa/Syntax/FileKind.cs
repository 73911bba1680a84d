using System.Runtime.InteropServices;

namespace Virtualizability.Isa.Syntax;

/// <summary>
/// What kind of file a path names, for the one question .NET cannot answer without opening it: is it a regular file?
/// Opening a named pipe for reading blocks until some other process opens it for writing, so an include of a FIFO
/// hung the front end before a single byte was read; a device (/dev/zero, /dev/tty) is no spec either. Linux answers
/// with statx(2), whose buffer layout is the same on every architecture; elsewhere, or when the call is not there,
/// the kind is unknown and the caller reads the file as before.
/// </summary>
internal static class FileKind
{
    /// <summary>What the path names when that is not a regular file ("a named pipe (FIFO)"); null for a regular file or when unknown.</summary>
    public static string? NotRegular(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = new byte[StatxSize];
        try
        {
            if (statx(AtCurrentDirectory, path, 0, StatxType, buffer) != 0) return null;
            if ((BitConverter.ToUInt32(buffer, 0) & StatxType) == 0) return null; // the kernel did not fill in the type
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        var mode = BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask;
        return mode switch
        {
            Regular => null,
            Fifo => "a named pipe (FIFO)",
            CharacterDevice => "a character device",
            BlockDevice => "a block device",
            Socket => "a socket",
            Directory => "a directory",
            _ => "not a regular file",
        };
    }

    // struct statx: stx_mask (u32), stx_blksize (u32), stx_attributes (u64), stx_nlink, stx_uid, stx_gid (u32 each),
    // then stx_mode (u16) at byte 28; the whole struct is 256 bytes.
    private const int StatxSize = 256;
    private const int ModeOffset = 28;
    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x1;
    private const int TypeMask = 0xF000;
    private const int Fifo = 0x1000;
    private const int CharacterDevice = 0x2000;
    private const int Directory = 0x4000;
    private const int BlockDevice = 0x6000;
    private const int Regular = 0x8000;
    private const int Socket = 0xC000;

    [DllImport("libc", SetLastError = false)]
    private static extern int statx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
