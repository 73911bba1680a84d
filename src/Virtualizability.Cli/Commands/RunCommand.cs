using System.CommandLine;
using System.Globalization;
using Virtualizability.Execution;
using Virtualizability.Machines;
using Virtualizability.Machines.Devices;
using Virtualizability.Machines.Elf;
using Virtualizability.Machines.Running;

namespace Virtualizability.Cli.Commands;

/// <summary>
/// `pgcheck run ELF`: runs a bare-metal MIPS32 program on the Malta-compatible board built around the executable
/// model, with the guest console on stdout and stdin. Exit 0 when the guest writes the reset register.
/// A guest that is not an ELF is a program image for the spec given with --isa, run on the sample board (<see cref="ImageRun"/>).
/// </summary>
public static class RunCommand
{
    public const string DefaultIsa = "isa-specs/mips32.isa";
    public const long DefaultMaxInstructions = 10_000_000_000;

    public static Command Create()
    {
        var elf = new Argument<string>("elf") { Description = "A statically linked 32-bit little-endian MIPS ELF executable, or a program image (hex words) for the --isa spec" };
        var isa = new Option<string?>("--isa") { Description = $"ISA description to run (default: {DefaultIsa}, looked up here and above the pgcheck build)" };
        var memory = new Option<string?>("--memory") { Description = "RAM, e.g. 64M (K, M, G suffixes): for ELF files up to 256M from physical 0, more (up to 2G bare, as QEMU's Malta) at physical 0x80000000, at most 256M with --vmm; default 256M; for program images half the address space up to 1M cells" };
        var maxInstructions = new Option<long>("--max-instructions") { Description = "Stop with an error after this many instructions", DefaultValueFactory = _ => DefaultMaxInstructions };
        var stats = new Option<bool>("--stats") { Description = "Print instructions, wall time, instructions per second and exceptions by cause on stderr" };
        var trace = new Option<string?>("--trace") { Description = "Write one line per instruction (pc, word, instruction) to this file" };
        var vmm = new Option<bool>("--vmm") { Description = "Run the board virtualized under the trap-and-emulate VMM (--stats: direct fraction, traps, emulation)" };
        var vms = new Option<int>("--vms") { Description = "With --vmm: run this many copies side by side, consoles prefixed [vm0] , [vm1] ...", DefaultValueFactory = _ => 1 };
        var consoleAt = new Option<string?>("--console") { Description = "Program images: the console's address (hex; default the storage's 16th cell from the top), for specs whose installed storage ends below it (s360: 64 KiB)" };
        var sets = new Option<string[]>("--set") { Description = "Program images: REG=VALUE, FILE[i]=VALUE or REG.FIELD=VALUE after reset (repeatable), e.g. a program counter that fetches the image", AllowMultipleArgumentsPerToken = false };
        var load = new Option<string?>("--load") { Description = "Program images: the guest-physical address (hex) to load the image at; default the program counter after reset and --set" };
        var append = new Option<string?>("--append") { Description = "ELF files: the kernel command line the firmware passes in argv[1] (QEMU's -append; default empty)" };
        var command = new Command("run", "Run a bare-metal ELF on the Malta-compatible board (console on stdin/stdout)")
        {
            elf, isa, memory, maxInstructions, stats, trace, vmm, vms, consoleAt, sets, load, append,
        };
        command.SetAction(parse => CommandGuard.Run(() => Run(
            parse.GetRequiredValue(elf),
            parse.GetValue(isa),
            parse.GetValue(memory),
            parse.GetValue(maxInstructions),
            parse.GetValue(stats),
            parse.GetValue(trace),
            parse.GetValue(vmm) ? parse.GetValue(vms) : 0,
            parse.GetValue(consoleAt),
            parse.GetValue(sets) ?? [],
            parse.GetValue(load),
            parse.GetValue(append))));
        return command;
    }

    /// <param name="vms">0 for the bare board, else the number of virtual boards under the VMM.</param>
    private static int Run(string elfPath, string? isaPath, string? memoryText, long maxInstructions, bool stats, string? tracePath, int vms, string? consoleText,
        string[] sets, string? loadText, string? commandLine)
    {
        if (maxInstructions <= 0) throw new UsageException("--max-instructions must be positive");
        if (vms < 0 || vms > 64) throw new UsageException("--vms must be between 1 and 64");
        if (vms > 0 && tracePath is not null) throw new UsageException("--trace traces the bare board; it cannot be combined with --vmm");
        if (!IsElf(elfPath))
        {
            // Without --isa the guest is a MIPS ELF for the Malta board: a file that is not one is reported as such,
            // not read as a program image for the default spec.
            if (isaPath is null) throw new UsageException(ElfReaderMips.NotAnElf(elfPath));
            if (commandLine is not null) throw new UsageException("--append is for ELF files: the firmware passes it to the kernel");
            if (tracePath is not null || vms > 1) throw new UsageException("program images run alone and untraced: --trace and --vms are for ELF guests");
            var spec = SpecLoader.Load(isaPath);
            return spec is null ? ExitCodes.BadInput : ImageRun.Run(spec, elfPath, memoryText, maxInstructions, vms > 0, stats, consoleText, sets, loadText);
        }
        if (consoleText is not null) throw new UsageException("--console is for program images; an ELF runs on the Malta board's UART");
        if (sets.Length > 0 || loadText is not null) throw new UsageException("--set and --load are for program images; an ELF starts at its entry point in the state QEMU's -kernel gives");
        var ramBytes = MemorySize.TryParse(memoryText ?? "256M", out var sizeError) ?? throw new UsageException($"--memory: {sizeError}");
        try
        {
            var program = ElfReaderMips.Read(elfPath) with { CommandLine = commandLine ?? "" };
            var model = SpecLoader.Load(isaPath ?? FindDefaultIsa());
            if (model is null) return ExitCodes.BadInput;
            using var console = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
            if (vms > 0) return VmmRun.Run(CompiledIsa.Compile(model), program, ramBytes, vms, maxInstructions, stats, console);
            var board = new MaltaBoard(CompiledIsa.Compile(model), ramBytes, console, new StreamInput(Console.OpenStandardInput()));
            board.Load(program);
            using var trace = tracePath is null ? null : new StreamWriter(tracePath, append: false, System.Text.Encoding.ASCII, bufferSize: 1 << 16);
            var report = new BoardRunner(board).Run(maxInstructions, trace);
            if (stats) PrintStats(report);
            return Outcome(report, maxInstructions);
        }
        catch (ElfLoadException e)
        {
            throw new UsageException(e.Message);
        }
        catch (BoardException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>True when the file starts with the ELF magic (a missing or unreadable file is left to the ELF reader to report).</summary>
    private static bool IsElf(string path)
    {
        if (!File.Exists(path)) return true;
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[4];
            return file.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("\u007fELF"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static int Outcome(RunReport report, long maxInstructions)
    {
        switch (report.End)
        {
            case RunEnd.Reset:
                return ExitCodes.Success;
            case RunEnd.InstructionLimit:
                Console.Error.WriteLine($"pgcheck: the guest did not write the reset register within {maxInstructions} instructions (--max-instructions)");
                return ExitCodes.GuestUnfinished;
            default:
                Console.Error.WriteLine($"pgcheck: the run stopped: {report.Problem}");
                return ExitCodes.GuestUnfinished;
        }
    }

    private static void PrintStats(RunReport report)
    {
        var error = Console.Error;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"instructions executed: {report.Instructions}"));
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wall time: {report.WallTime.TotalSeconds:F3} s"));
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"guest instructions per second: {report.InstructionsPerSecond:F0} ({report.InstructionsPerSecond / 1e6:F1} million)"));
        error.WriteLine(report.ExceptionsByCause.Count == 0 ? "exceptions by cause: none" : "exceptions by cause:");
        foreach (var (cause, count) in report.ExceptionsByCause.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {cause}: {count}"));
    }

    /// <summary>The default spec relative to the working directory, else in the repository the pgcheck build lives in.</summary>
    internal static string FindDefaultIsa()
    {
        if (File.Exists(DefaultIsa)) return DefaultIsa;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, DefaultIsa);
            if (File.Exists(candidate)) return candidate;
        }
        return DefaultIsa; // reported by the loader as missing, with this name
    }
}
