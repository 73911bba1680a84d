using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Virtualizability.Analysis.Replay;
using Virtualizability.Isa;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Analysis.Caching;

/// <summary>
/// Results of earlier checks on disk, one file per (instruction IR, definition, solver settings, tool build).
/// <para>
/// The key is a SHA-256 over: the build of the analysis (module version ids of the assemblies that decide answers),
/// the solver's name and time limit, whether the concrete witness search ran (and its version), the definition, and the instruction's IR — the canonical IrPrinter text of the
/// whole model with every other instruction's body left out (their encodings stay: they decide which words decode
/// to this instruction) plus this instruction's full text. Anything the answers can depend on is in the key, so an
/// entry is never stale; editing one instruction's body re-checks only that instruction.
/// </para>
/// <para>
/// An entry holds each answer's verdict, reason and concrete claims (word, start states, offset), not its witness:
/// a witness is replayed again on the executable model when the entry is loaded, and an entry whose claims no longer
/// replay is ignored (checked afresh). Results with internal errors are not stored, nor results with an undecided
/// answer: a timeout depends on the machine's load as much as on the query, so the next run asks again.
/// </para>
/// </summary>
public sealed class ResultCache
{
    private readonly string directory;

    public ResultCache(string directory) => this.directory = directory;

    public string Directory => directory;

    /// <summary>$PGCHECK_CACHE_DIR, else $XDG_CACHE_HOME/pgcheck, else ~/.cache/pgcheck.</summary>
    public static string DefaultDirectory()
    {
        if (Environment.GetEnvironmentVariable("PGCHECK_CACHE_DIR") is { Length: > 0 } explicitDir) return explicitDir;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(root, "pgcheck");
    }

    private static readonly string ToolBuild = string.Join(",",
        new[] { typeof(ResultCache), typeof(Smt.Terms.Term), typeof(IsaModel), typeof(Execution.Machine) }
            .Select(t => t.Assembly.ManifestModule.ModuleVersionId));

    /// <summary>The per-model part of the keys: computed once per check.</summary>
    public sealed class ModelKeys
    {
        private readonly IsaModel model;
        private readonly string common;
        private readonly string settings;

        public ModelKeys(IsaModel model, AnalysisOptions options)
        {
            this.model = model;
            var empty = new Block([], default);
            common = Hash(IrPrinter.Print(model with { Instructions = [.. model.Instructions.Select(i => i with { Body = empty })] }));
            // Whether the witness search ran, and which version: it decides which witnesses are shown.
            var search = options.ConcreteSearch ? "search" + Search.WitnessSearch.Version : "no-search";
            settings = $"{ToolBuild}|{options.Solver.Name}|{options.FallbackSolver?.Name}|{options.Timeout.TotalMilliseconds}|{search}";
        }

        public string For(InstructionDecl instruction, Definition definition)
        {
            var alone = IrPrinter.Print(model with
            {
                Constants = [], Registers = [], Memories = [], Functions = [], Exceptions = [], VmMap = null,
                Instructions = [instruction],
            });
            return Hash($"{settings}|{common}|{definition.Name()}|{instruction.Name}|{alone}");
        }
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private string PathOf(string key) => Path.Combine(directory, key[..2], key + ".json");

    /// <summary>The stored result, its witnesses replayed again; null when absent, unreadable or no longer replaying.</summary>
    public InstructionResult? TryLoad(string key, InstructionDecl instruction, WitnessReplayer replayer)
    {
        try
        {
            var path = PathOf(key);
            if (!File.Exists(path)) return null;
            var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(path));
            if (entry is null || entry.Instruction != instruction.Name) return null;
            Answer A(StoredAnswer a) => Restore(a, instruction, replayer) ?? throw new InvalidDataException("does not replay");
            return new InstructionResult(instruction, A(entry.Privileged), A(entry.ControlSensitive), A(entry.ModeSensitive),
                A(entry.LocationSensitive), A(entry.UserSensitive), A(entry.Innocuous), A(entry.TimeDependent), A(entry.Violation),
                A(entry.HybridViolation), []);
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidDataException or FormatException or UnauthorizedAccessException
                                      or ArgumentException or InvalidOperationException or KeyNotFoundException or OverflowException)
        {
            return null;
        }
    }

    public void Store(string key, InstructionResult result)
    {
        if (result.InternalErrors.Count > 0) return;
        Answer[] answers = [result.Privileged, result.ControlSensitive, result.ModeSensitive, result.LocationSensitive, result.UserSensitive,
            result.Innocuous, result.TimeDependent, result.Violation, result.HybridViolation];
        if (answers.Any(a => a.Verdict == Verdict.Unknown)) return;
        try
        {
            var entry = new Entry(result.Name, Save(result.Privileged), Save(result.ControlSensitive), Save(result.ModeSensitive),
                Save(result.LocationSensitive), Save(result.UserSensitive), Save(result.Innocuous), Save(result.TimeDependent),
                Save(result.Violation), Save(result.HybridViolation));
            var path = PathOf(key);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(entry));
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written is only slower.
        }
    }

    private static Answer? Restore(StoredAnswer a, InstructionDecl instruction, WitnessReplayer replayer)
    {
        var verdict = Enum.Parse<Verdict>(a.Verdict);
        var answer = new Answer(verdict, null, a.Reason);
        if (a.Claim is { } c)
        {
            var claim = c.ToClaim(instruction);
            var replay = replayer.Replay(claim);
            if (replay.Witness is null) return null;
            answer = answer with { Witness = replay.Witness, Claim = claim };
        }
        if (a.SecondClaim is { } c2)
        {
            var claim = c2.ToClaim(instruction);
            var replay = replayer.Replay(claim);
            if (replay.Witness is null) return null;
            answer = answer with { SecondWitness = replay.Witness, SecondClaim = claim };
        }
        // An answer with a witness that was not stored with its claim cannot be shown again: check it afresh.
        return a.HadWitness && answer.Witness is null ? null : answer;
    }

    private static StoredAnswer Save(Answer a) => new(
        a.Verdict.ToString(), a.Reason,
        a.Witness is not null && a.Claim is { } c ? StoredClaim.From(c) : null,
        a.SecondWitness is not null && a.SecondClaim is { } c2 ? StoredClaim.From(c2) : null,
        a.Witness is not null);

    private sealed record Entry(
        string Instruction, StoredAnswer Privileged, StoredAnswer ControlSensitive, StoredAnswer ModeSensitive,
        StoredAnswer LocationSensitive, StoredAnswer UserSensitive, StoredAnswer Innocuous, StoredAnswer TimeDependent,
        StoredAnswer Violation, StoredAnswer HybridViolation);

    private sealed record StoredAnswer(string Verdict, string? Reason, StoredClaim? Claim, StoredClaim? SecondClaim, bool HadWitness);

    private sealed record StoredState(ulong[] Slots, StoredArray[] Memories)
    {
        public static StoredState From(ConcreteState s) =>
            new([.. s.Slots], [.. s.Memories.Select(m => new StoredArray(m.IndexWidth, m.ElementWidth, m.Default, [.. m.Entries.Keys], [.. m.Entries.Values]))]);

        public ConcreteState ToState() => new(
            [.. Slots],
            [.. Memories.Select(m => new ArrayValue(m.IndexWidth, m.ElementWidth, m.Default,
                m.Keys.Zip(m.Values).ToImmutableSortedDictionary(p => p.First, p => p.Second)))]);
    }

    private sealed record StoredArray(int IndexWidth, int ElementWidth, ulong Default, ulong[] Keys, ulong[] Values);

    private sealed record StoredClaim(string Kind, string Domain, string Word, StoredState Start, ulong? Offset, StoredState? Other)
    {
        public static StoredClaim From(ConcreteClaim c) =>
            new(c.Kind.ToString(), c.Domain.ToString(), c.Word.ToString("x"), StoredState.From(c.Start), c.Offset, c.Other is { } o ? StoredState.From(o) : null);

        public ConcreteClaim ToClaim(InstructionDecl instruction) => new(
            Enum.Parse<PropertyKind>(Kind), Enum.Parse<Domain>(Domain), instruction,
            UInt128.Parse(Word, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture),
            Start.ToState(), Offset, Other?.ToState());
    }
}
