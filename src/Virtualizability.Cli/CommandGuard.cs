namespace Virtualizability.Cli;

/// <summary>
/// Wraps a command action so that no input, however bad, ends in a stack trace: user errors are reported
/// as located one-line messages by the commands themselves; anything else escaping is a pgcheck bug and is
/// reported as such with exit code 70.
/// </summary>
public static class CommandGuard
{
    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"pgcheck: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Virtualizability.Analysis.InvalidSpecException e)
        {
            // Located like the front end's diagnostics: the roles of the spec contradict each other.
            Console.Error.WriteLine(e.ToString());
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"pgcheck: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine($"pgcheck: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"pgcheck: internal error ({e.GetType().Name}): {e.Message}");
            return ExitCodes.InternalError;
        }
    }
}

/// <summary>A user mistake in options or arguments, reported without a stack trace.</summary>
public sealed class UsageException(string message) : Exception(message);
