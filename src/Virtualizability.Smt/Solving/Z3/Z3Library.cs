using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Z3;

namespace Virtualizability.Smt.Solving.Z3;

/// <summary>
/// Makes the Z3 bindings find a native library. Microsoft.Z3 ships natives for Windows and macOS only; on Linux
/// it loads the system libz3, and Debian installs only libz3.so.4 unless the -dev package adds the libz3.so link.
/// </summary>
public static class Z3Library
{
    private static readonly Lazy<bool> Registered = new(Register);

    /// <summary>Installs the resolver once per process; safe to call from every back-end constructor.</summary>
    public static void EnsureResolver() => _ = Registered.Value;

    private static bool Register()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(NativeContext).Assembly, Resolve);
            return true;
        }
        catch (InvalidOperationException)
        {
            // Another component of the process already installed a resolver for the bindings; it wins.
            return false;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!name.Contains("z3", StringComparison.OrdinalIgnoreCase)) return IntPtr.Zero;
        if (NativeLibrary.TryLoad(name, assembly, searchPath, out var handle)) return handle;
        foreach (var candidate in new[] { "libz3.so", "libz3.so.4" })
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out handle)) return handle;
        return IntPtr.Zero;
    }
}
