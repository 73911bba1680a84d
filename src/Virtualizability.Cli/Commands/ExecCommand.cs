using System.CommandLine;
using System.Globalization;
using Virtualizability.Cli.Exec;
using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Cli.Commands;

/// <summary>
/// `pgcheck exec SPEC --program ...`: runs a small program on the executable model and prints the final state
/// and any trap. Spec authors use it to debug semantics, so by default it stops at the first trap and shows it
/// before the spec's trap entry runs; --deliver-traps runs the entry and continues.
/// </summary>
public static class ExecCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "ISA description file (.isa)" };
        var program = new Option<string>("--program", "-p")
        {
            Description = "A file of hex words (or raw binary), or hex words on the command line: \"0x14200005 0x40000000\"",
            Required = true,
        };
        var set = new Option<string[]>("--set", "-s") { Description = "Set state before running: REG=VALUE, FILE[i]=VALUE, REG.FIELD=VALUE", AllowMultipleArgumentsPerToken = false };
        var steps = new Option<long>("--steps", "-n") { Description = "Maximum number of steps", DefaultValueFactory = _ => 10_000 };
        var mode = new Option<string?>("--mode", "-m") { Description = "Start in this mode (after reset, before --set)" };
        mode.AcceptOnlyFromAmong("user", "supervisor");
        var loadAddress = new Option<string?>("--load-address") { Description = "Storage address of the first word (default: the program counter's value)" };
        var deliver = new Option<bool>("--deliver-traps") { Description = "Run the spec's trap entry on each trap and continue, instead of stopping at the first trap" };
        var trace = new Option<bool>("--trace", "-t") { Description = "Print every step: program counter, instruction, outcome" };
        var command = new Command("exec", "Run a small program on the executable model and print the final state and any trap")
        {
            spec, program, set, steps, mode, loadAddress, deliver, trace,
        };
        command.SetAction(parse => CommandGuard.Run(() => Run(new ExecRequest(
            parse.GetRequiredValue(spec),
            parse.GetRequiredValue(program),
            parse.GetValue(set) ?? [],
            parse.GetValue(steps),
            parse.GetValue(mode),
            parse.GetValue(loadAddress),
            parse.GetValue(deliver),
            parse.GetValue(trace)))));
        return command;
    }

    private sealed record ExecRequest(string Spec, string Program, string[] Sets, long Steps, string? Mode, string? LoadAddress, bool DeliverTraps, bool Trace);

    private static int Run(ExecRequest request)
    {
        if (request.Steps < 0) throw new UsageException("--steps must not be negative");
        var model = SpecLoader.Load(request.Spec);
        if (model is null) return ExitCodes.BadInput;
        var image = ProgramImage.Parse(request.Program, model);
        var assignments = request.Sets.Select(s => StateAssignment.Parse(s, model)).ToList();

        var machine = new Machine(CompiledIsa.Compile(model));
        machine.Reset();
        if (request.Mode == "user") machine.EnterUser();
        else if (request.Mode == "supervisor") machine.EnterSupervisor();
        foreach (var assignment in assignments) assignment.Apply(machine.State);

        var pc = model.Roles.ProgramCounter;
        var address = request.LoadAddress is null ? machine.State.GetRegister(pc) : ParseAddress(request.LoadAddress);
        Load(machine.State.Memory(model.Roles.Storage), image, address);
        var before = machine.State.Clone();

        var outcome = Execute(machine, request);
        Print(machine, before, outcome);
        return ExitCodes.Success;
    }

    private static ulong ParseAddress(string text)
    {
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok ? value : throw new UsageException($"--load-address: '{text}' is not a number");
    }

    private static void Load(MemoryStorage storage, ProgramImage image, ulong address)
    {
        var cellWidth = storage.Declaration.CellWidth;
        if (image.UnitWidth % cellWidth != 0)
            throw new UsageException($"instruction words of {image.UnitWidth} bits do not split into {cellWidth}-bit storage cells");
        var cells = image.UnitWidth / cellWidth;
        if (cells is not (1 or 2 or 4 or 8))
            throw new UsageException($"instruction words of {image.UnitWidth} bits span {cells} storage cells; only 1, 2, 4 or 8 are supported");
        foreach (var unit in image.Units)
        {
            storage.Write(address, cells, unit);
            address += (ulong)cells;
        }
    }

    private sealed record Outcome(long Steps, long Traps, Trap? StoppedAt, bool Halted, bool HitLimit);

    private static Outcome Execute(Machine machine, ExecRequest request)
    {
        var model = machine.Model;
        long steps = 0, traps = 0;
        while (steps < request.Steps)
        {
            var pcBefore = machine.State.GetRegister(model.Roles.ProgramCounter);
            var result = machine.Step();
            steps++;
            if (request.Trace) Console.WriteLine(TraceLine(model, steps, pcBefore, result));
            switch (result.Status)
            {
                case StepStatus.Halted:
                    return new Outcome(steps, traps, null, true, false);
                case StepStatus.Trapped:
                    traps++;
                    if (!request.DeliverTraps) return new Outcome(steps, traps, result.Trap, false, false);
                    if (machine.Deliver(result.Trap!) is { } nested)
                        return new Outcome(steps, traps, nested, false, false);
                    if (machine.IsHalted) return new Outcome(steps, traps, null, true, false);
                    break;
            }
        }
        return new Outcome(steps, traps, null, false, true);
    }

    private static string TraceLine(IsaModel model, long step, ulong pc, StepResult result)
    {
        var width = (model.Roles.ProgramCounter.Width + 3) / 4;
        var name = result.Instruction?.Name ?? "-";
        var what = result.Status switch
        {
            StepStatus.Trapped => "trap " + Describe(result.Trap!),
            StepStatus.Halted => "halt",
            _ => "",
        };
        return $"{step,6}  {model.Roles.ProgramCounter.Name}=0x{pc.ToString("x" + width, CultureInfo.InvariantCulture)}  {name,-10} {what}".TrimEnd();
    }

    private static string Describe(Trap trap)
    {
        var parameters = trap.Exception.Parameters;
        var args = trap.Arguments.Select((value, i) => $"{parameters[i].Name}=0x{value:x}");
        return $"{trap.Exception.Name}({string.Join(", ", args)})";
    }

    private static void Print(Machine machine, MachineState before, Outcome outcome)
    {
        var stop = outcome.Halted ? "halted"
            : outcome.StoppedAt is not null ? $"stopped at trap {Describe(outcome.StoppedAt)}"
            : "step limit reached";
        Console.WriteLine($"{stop} after {outcome.Steps} step(s), {outcome.Traps} trap(s)");
        Console.WriteLine($"mode: {(machine.IsSupervisor ? "supervisor" : "user")}");
        Console.WriteLine("registers (zero registers omitted):");
        foreach (var register in machine.Snapshot().Registers.Where(r => r.Value != 0))
            Console.WriteLine("  " + register);
        var changes = StateSnapshot.Compare(before, machine.State).Where(d => !IsRegister(machine.Model, d.Location)).ToList();
        if (changes.Count > 0)
        {
            Console.WriteLine("memory changed:");
            foreach (var change in changes) Console.WriteLine("  " + change);
        }
    }

    private static bool IsRegister(IsaModel model, string location)
    {
        var name = location.Split('[')[0];
        return model.Register(name) is not null;
    }
}
