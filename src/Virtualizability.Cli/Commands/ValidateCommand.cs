using System.CommandLine;
using Virtualizability.Isa;

namespace Virtualizability.Cli.Commands;

/// <summary>`pgcheck validate SPEC...`: loads each spec and prints its diagnostics; exit 0 when all are valid.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var specs = new Argument<string[]>("spec") { Description = "ISA description files (.isa)", Arity = ArgumentArity.OneOrMore };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only diagnostics, not the per-file summary" };
        var command = new Command("validate", "Check ISA descriptions for errors") { specs, quiet };
        command.SetAction(parse => CommandGuard.Run(() => Run(parse.GetRequiredValue(specs), parse.GetValue(quiet))));
        return command;
    }

    private static int Run(string[] specs, bool quiet)
    {
        var allValid = true;
        foreach (var spec in specs)
        {
            var result = IsaFrontEnd.LoadFile(spec);
            foreach (var diagnostic in result.Diagnostics) Console.Error.WriteLine(diagnostic);
            allValid &= result.Succeeded;
            if (quiet) continue;
            if (result.Succeeded)
                Console.WriteLine($"{spec}: valid ({result.Model!.Instructions.Length} instructions)");
            else
                Console.WriteLine($"{spec}: {result.Diagnostics.Count(d => d.Severity == Isa.Diagnostics.Severity.Error)} error(s)");
        }
        return allValid ? ExitCodes.Success : ExitCodes.BadInput;
    }
}
