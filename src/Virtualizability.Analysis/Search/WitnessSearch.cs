using System.Collections.Immutable;
using System.Diagnostics;
using Virtualizability.Analysis.Replay;
using Virtualizability.Execution;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Analysis.Search;

/// <summary>
/// The concrete witness search (docs/definitions.md, "How the checker asks"): before the solver is asked whether a
/// word has an existential property, a small, fixed number of concrete candidates (words of the instruction, start
/// states in user and supervisor mode, memories seeded where the runs read, VM-map offsets) are run through
/// <see cref="WitnessReplayer"/>. The replay is the definition checked on the executable model, the same check a
/// solver's model must pass before it is shown, so a confirmed candidate is a witness and the property is "yes"
/// without a query. A "no" still needs the solver's unsat; a search that finds nothing costs only its budget.
/// Candidates come from a generator seeded with the instruction's name and encoding, so runs are reproducible.
/// </summary>
internal sealed class WitnessSearch
{
    /// <summary>Part of the result cache key: bump it when the candidates change (other witnesses are found).</summary>
    public const string Version = "3";

    /// <summary>
    /// Candidate starts per mode. On pdp10 (49 instructions, all definitions; first version of the candidates) 24
    /// rounds found 182 of the 490 questions asked, 64 found 194, 128 found 197 and 256 found 198, for 0.5, 0.5, 0.7
    /// and 1.1 s of CPU; with the present candidates 64 and 128 rounds both find 203 (0.6 and 1.0 s), and on
    /// x86-protected, where few questions have a witness the candidates hit, 95 and 102 of 804 (0.6 and 1.2 s). Most
    /// candidates stop at their first run (it traps), which costs microseconds.
    /// </summary>
    public const int Budget = 64;

    // Rounds of seeding the cells a run reads (a seeded cell can send the run to new addresses: indirection).
    private const int SeedRounds = 3;

    private readonly CompiledIsa isa;
    private readonly StateLayout layout;
    private readonly WitnessReplayer replayer;
    private readonly WordDecoding decoding;
    private readonly ImmutableArray<ArrayValue> emptyMemories;

    public WitnessSearch(CompiledIsa isa, StateLayout layout, WitnessReplayer replayer)
    {
        this.isa = isa;
        this.layout = layout;
        this.replayer = replayer;
        decoding = new WordDecoding(isa);
        emptyMemories = [.. isa.Model.Memories.OrderBy(m => m.Index).Select(m => ArrayValue.Constant(m.AddressWidth, m.CellWidth, 0))];
    }

    /// <summary>A confirmed candidate: the claim, its replayed witness, how many replays and how long it took to find.</summary>
    public sealed record Found(ConcreteClaim Claim, Witnesses.Witness Witness, int Tries, double WallMs);

    /// <summary>
    /// The questions among <paramref name="questions"/> that a candidate answers yes, with their witnesses; with
    /// <paramref name="fixedWord"/>, for that word only (the second witness of a violation).
    /// </summary>
    public Dictionary<(PropertyKind Kind, Domain Domain), Found> Find(InstructionDecl instruction, IEnumerable<(PropertyKind Kind, Domain Domain)> questions, UInt128? fixedWord = null)
    {
        var open = questions.Distinct().Where(q => Searchable(q.Kind)).ToList();
        var found = new Dictionary<(PropertyKind, Domain), Found>();
        if (open.Count == 0) return found;
        var values = new BiasedValues(BiasedValues.Seed($"{isa.Model.Name}/{instruction.Name}/{instruction.Encoding.Text}/{fixedWord}"));
        var tries = 0;
        var clock = Stopwatch.GetTimestamp();
        UInt128? lastWord = null;
        for (var round = 0; round < Budget && open.Count > 0; round++)
        {
            if ((fixedWord ?? NextWord(instruction, round, values) ?? lastWord) is not { } word) return found;   // no word decodes
            lastWord = word;
            foreach (var user in open.Any(q => q.Domain == Domain.AllStates) ? [true, false] : new[] { true })
            {
                if (Start(round, user, values) is not { } registers) continue;
                var needsTwin = open.Any(q => q.Kind is PropertyKind.ModeSensitive or PropertyKind.PerStateMode);
                if (Seeded(instruction, word, registers, needsTwin, round, values) is not { } start) continue;
                var offset = layout.Model.VmMap is { } map ? OffsetOf(round, map.Offset.Type.Width, values) : (ulong?)null;
                foreach (var q in open.ToList())
                {
                    // A supervisor start completed (Seeded): not a not-privileged witness, which needs a trap there.
                    if ((q.Domain == Domain.UserStates || q.Kind == PropertyKind.NotPrivileged) && !user) continue;
                    if (ClaimOf(q, instruction, word, start, offset, values) is not { } claim) continue;
                    tries++;
                    if (Confirmed(claim) is not { } witness) continue;
                    found[q] = new Found(claim, witness, tries, Stopwatch.GetElapsedTime(clock).TotalMilliseconds);
                    open.Remove(q);
                }
            }
        }
        return found;
    }

    /// <summary>Every property the replay checks on its own (all of them).</summary>
    private static bool Searchable(PropertyKind kind) => kind is PropertyKind.NotPrivileged or PropertyKind.ControlSensitive
        or PropertyKind.ModeSensitive or PropertyKind.LocationSensitive or PropertyKind.TimeDependent
        or PropertyKind.PerStateControl or PropertyKind.PerStateMode or PropertyKind.PerStateLocation;

    private ConcreteClaim? ClaimOf((PropertyKind Kind, Domain Domain) q, InstructionDecl instruction, UInt128 word, ConcreteState start, ulong? offset, BiasedValues values) =>
        q.Kind switch
        {
            // Completing in user mode: the state is its own state where the word completes.
            PropertyKind.NotPrivileged => new ConcreteClaim(q.Kind, q.Domain, instruction, word, start, Other: start),
            PropertyKind.LocationSensitive or PropertyKind.PerStateLocation =>
                offset is { } x ? new ConcreteClaim(q.Kind, q.Domain, instruction, word, start, Offset: x) : null,
            PropertyKind.TimeDependent => new ConcreteClaim(q.Kind, q.Domain, instruction, word, start, Other: OtherTime(start, values)),
            _ => new ConcreteClaim(q.Kind, q.Domain, instruction, word, start),
        };

    private Witnesses.Witness? Confirmed(ConcreteClaim claim)
    {
        try
        {
            return replayer.ReplayUntimed(claim).Witness;
        }
        catch (InvalidOperationException)
        {
            // A candidate state the spec's role blocks do not expect (a mode predicate that fails): not a witness.
            return null;
        }
    }

    /// <summary>
    /// A word of the instruction: its fixed bits, each field in the candidate's style (all zero first), don't-care
    /// bits zero. A few retries when a more specific instruction wins the decode; null when none decodes.
    /// </summary>
    private UInt128? NextWord(InstructionDecl instruction, int round, BiasedValues values)
    {
        var pattern = instruction.Encoding;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var word = pattern.Value;
            foreach (var field in pattern.Fields)
                word |= (UInt128)values.Value(attempt == 0 ? round : 3 + round, field.Width) << field.Offset;
            word &= (UInt128.One << pattern.Length) - 1;
            if (decoding.DecodesTo(instruction, word)) return word;
        }
        return null;
    }

    /// <summary>Registers in the candidate's style, then the mode entered through the machine (the spec's enter blocks).</summary>
    private ImmutableArray<ulong>? Start(int round, bool user, BiasedValues values)
    {
        var slots = new ulong[layout.SlotWidths.Length];
        for (var i = 0; i < slots.Length; i++) slots[i] = values.Value(round, layout.SlotWidths[i]);
        foreach (var r in layout.Model.Registers)
            foreach (var h in r.Hardwired)
                slots[r.Slot + h.Index] = h.Value & BiasedValues.Mask(r.Width);
        try
        {
            var m = ReplayMachine.Load(isa, new ConcreteState([.. slots], emptyMemories));
            if (user) m.Machine.EnterUser();
            else m.Machine.EnterSupervisor();
            if (user ? !m.Machine.IsUser : !m.Machine.IsSupervisor) return null;
            return [.. m.State.Registers];
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The start with memory cells seeded where the run (and the twin's run, for mode questions) reads them, so that
    /// relocation and mode changes show in what is read: a few rounds, as a seeded cell can lead to further reads.
    /// Null when the run does not complete (every property asked needs a completing run from the start).
    /// </summary>
    private ConcreteState? Seeded(InstructionDecl instruction, UInt128 word, ImmutableArray<ulong> registers, bool twin, int round, BiasedValues values)
    {
        var cells = isa.Model.Memories.OrderBy(m => m.Index).Select(_ => new SortedDictionary<ulong, ulong>()).ToArray();
        var next = 1UL;
        for (var r = 0; ; r++)
        {
            var state = new ConcreteState(registers, [.. emptyMemories.Select((m, i) => m with { Entries = cells[i].ToImmutableSortedDictionary() })]);
            try
            {
                var first = ReplayMachine.Load(isa, state);
                var result = first.Machine.ExecuteInstruction(instruction, word);
                if (result.Instruction is null || result.Status == StepStatus.Trapped) return null;
                var reads = first.Bus.ReadLog.ToList();
                if (twin) reads.AddRange(TwinReads(instruction, word, state));
                var added = false;
                foreach (var read in reads)
                {
                    var memory = isa.Model.Memories.First(m => m.Index == read.Memory);
                    if (cells[read.Memory].ContainsKey(read.Address)) continue;
                    // Small distinct values first (1, 2, 3 …: a witness that reads well), then the candidate's style.
                    var value = (round < 3 ? 0 : values.Value(round, memory.CellWidth)) & BiasedValues.Mask(memory.CellWidth);
                    // Never the default (0): an unseeded cell must read differently from a seeded one.
                    cells[read.Memory][read.Address] = value == 0 ? next++ : value;
                    added = true;
                }
                if (!added || r == SeedRounds) return state;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }

    private IReadOnlyList<MemoryRead> TwinReads(InstructionDecl instruction, UInt128 word, ConcreteState state)
    {
        try
        {
            var twin = ReplayMachine.Load(isa, state);
            if (twin.Machine.IsSupervisor) twin.Machine.EnterUser();
            else twin.Machine.EnterSupervisor();
            twin.Machine.ExecuteInstruction(instruction, word);
            return twin.Bus.ReadLog;
        }
        catch (InvalidOperationException)
        {
            return [];
        }
    }

    private static ulong OffsetOf(int round, int width, BiasedValues values)
    {
        ulong[] small = [1, 0x100, 0x10, 0x1000];
        var x = (round < small.Length ? small[round] : round % 2 == 0 ? values.Next() % 0x10000 : values.Next()) & BiasedValues.Mask(width);
        return x == 0 ? 1 : x;
    }

    /// <summary>The start with its time bits replaced by other values (the time twin of Formulas.TimeDependent).</summary>
    private ConcreteState OtherTime(ConcreteState start, BiasedValues values)
    {
        var slots = start.Slots.ToArray();
        for (var i = 0; i < slots.Length; i++)
        {
            var mask = layout.Time[i];
            if (mask == 0) continue;
            // The lowest time bit flipped (a clock one tick on), and some others.
            slots[i] ^= (mask & (~mask + 1)) | (values.Next() & mask);
        }
        return start with { Slots = [.. slots] };
    }
}
