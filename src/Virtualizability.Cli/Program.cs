using System.CommandLine;
using Virtualizability.Cli;
using Virtualizability.Cli.Commands;

var root = new RootCommand("pgcheck: Popek–Goldberg virtualizability checker and VMM toolkit")
{
    ValidateCommand.Create(),
    InfoCommand.Create(),
    ExecCommand.Create(),
    CheckCommand.Create(),
    RunCommand.Create(),
    ProveCommand.Create(),
    ConformCommand.Create(),
    VmmGenerateCommand.Create(),
};
// Our own handler reports unexpected failures as one line (never a stack trace); see CommandGuard.
return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
