namespace Virtualizability.Cli;

/// <summary>Process exit codes shared by every command.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>Bad input or usage: diagnostics in a spec, a bad option, a file that cannot be read.</summary>
    public const int BadInput = 1;
    /// <summary>A property was checked and does not hold (e.g. Theorem 1 fails).</summary>
    public const int PropertyFails = 2;
    /// <summary>The solver could not decide (unknown or timeout).</summary>
    public const int Undecided = 3;
    /// <summary>A guest run ended without the guest finishing (an instruction limit, a halt, a spec error).</summary>
    public const int GuestUnfinished = 4;
    /// <summary>A bug in pgcheck itself.</summary>
    public const int InternalError = 70;
}
