using Virtualizability.Analysis.Witnesses;
using Virtualizability.Execution;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Solving;

namespace Virtualizability.Analysis.Replay;

/// <summary>
/// Re-runs a solver's claim on the executable model (Machine.ExecuteInstruction, Machine.Relocate, the compiled role
/// blocks) and checks the property concretely, independently of the SMT encoding. A confirmed claim becomes a
/// <see cref="Witness"/> built from the replay; a claim the model does not bear out is a mismatch, which the
/// analysis reports as an internal error (the SMT translation or the executable model has a bug).
/// </summary>
public sealed class WitnessReplayer
{
    private readonly CompiledIsa isa;
    private readonly StateLayout layout;
    private readonly StartDependence dependence;
    private readonly WordDecoding decoding;
    private IsaModel Model => isa.Model;

    /// <summary>The executable model the claims are replayed on.</summary>
    internal CompiledIsa Isa => isa;

    public WitnessReplayer(CompiledIsa isa)
    {
        this.isa = isa;
        layout = StateLayout.Of(isa.Model);
        dependence = new StartDependence(isa, layout);
        decoding = new WordDecoding(isa);
    }

    public ReplayResult Replay(ConcreteClaim claim)
    {
        var wall = Profiling.Start();
        var cpu = Profiling.ThreadCpuMs();
        var result = ReplayUntimed(claim);
        Profiling.Replayed(claim.Instruction.Name, claim.Kind.Name(), Profiling.Ms(wall), Profiling.ThreadCpuMs() - cpu);
        return result;
    }

    /// <summary>
    /// The replay without its profile line: the witness search (Search/WitnessSearch) checks many candidates and
    /// times them together.
    /// </summary>
    internal ReplayResult ReplayUntimed(ConcreteClaim claim)
    {
        // The formulas' conditions on a claim that the runs below do not check themselves: the word decodes to the
        // instruction (Decodes, for byte encodings too), and hardwired registers hold their constants (the fresh
        // symbolic state has them as constants; the executable model reads the slot as it is).
        if (!decoding.DecodesTo(claim.Instruction, claim.Word))
            return Mismatch($"word {Word(claim)} does not decode to {claim.Instruction.Name}");
        if ((HardwiredViolated(claim.Start) ?? (claim.Other is { } o ? HardwiredViolated(o) : null)) is { } register)
            return Mismatch($"the start state gives the hardwired {register} another value");
        return claim.Kind switch
        {
            PropertyKind.NotPrivileged => NotPrivileged(claim),
            PropertyKind.ControlSensitive or PropertyKind.PerStateControl => Control(claim),
            PropertyKind.ModeSensitive or PropertyKind.PerStateMode => Mode(claim),
            PropertyKind.LocationSensitive or PropertyKind.PerStateLocation => Location(claim),
            PropertyKind.TimeDependent => Time(claim),
            _ => throw new ArgumentOutOfRangeException(nameof(claim)),
        };
    }

    private ReplayResult NotPrivileged(ConcreteClaim c)
    {
        var m = ReplayMachine.Load(isa, c.Start);
        var (sup, usr) = (m.Machine.IsSupervisor, m.Machine.IsUser);
        var startRegs = m.RegistersCopy();
        var r = m.Machine.ExecuteInstruction(c.Instruction, c.Word);
        if (r.Instruction is null) return Mismatch("the prologue did not complete");
        if (IsMemoryTrap(r)) return Mismatch($"it raised the memory trap {r.Trap}");
        var trapped = r.Status == StepStatus.Trapped;
        string summary;
        if (usr && !trapped) summary = $"in user mode it does not trap ({Outcome(r)})";
        else if (sup && trapped) summary = $"in supervisor mode it traps ({Outcome(r)})";
        else return Mismatch($"it {Outcome(r)} in {(sup ? "supervisor" : usr ? "user" : "neither user nor supervisor")} mode, which a privileged instruction may do");
        if (c.Other is not { } other) return Mismatch("the claim has no state where the word completes");
        var m2 = ReplayMachine.Load(isa, other);
        var (sup2, usr2) = (m2.Machine.IsSupervisor, m2.Machine.IsUser);
        var startRegs2 = m2.RegistersCopy();
        var r2 = m2.Machine.ExecuteInstruction(c.Instruction, c.Word);
        if (!Done(r2)) return Mismatch($"the word {Outcome(r2)} in the state where it should complete");
        // The start components (probed: hundreds of runs) only for a claim the replay confirms.
        var start = StartComponents(m, [], startRegs, new RunOf(c, c.Start));
        var start2 = StartComponents(m2, [], startRegs2, new RunOf(c, other));
        return Confirm(c,
            [new WitnessRun(ModeName(sup, usr), start, Outcome(r)), new WitnessRun("the word is not always trapping: " + ModeName(sup2, usr2), start2, Outcome(r2))],
            [], summary);
    }

    private ReplayResult Control(ConcreteClaim c)
    {
        var m = ReplayMachine.Load(isa, c.Start);
        if (!InDomain(m, c.Domain)) return Mismatch("the start state is not a user state");
        var supBefore = m.Machine.IsSupervisor;
        var before = m.RegistersCopy();
        var r = m.Machine.ExecuteInstruction(c.Instruction, c.Word);
        if (!Done(r)) return Mismatch($"the execution {Outcome(r)} instead of completing");
        var diffs = StateDiff.Registers(layout, before, m.State.Registers, i => layout.Mode[i] | layout.Resource[i]);
        var supAfter = m.Machine.IsSupervisor;
        if (supAfter != supBefore) diffs.Add(new Difference("supervisor mode", supBefore.ToString(), supAfter.ToString()));
        if (r.Status == StepStatus.Halted) diffs.Add(new Difference("outcome", "running", "halted"));
        if (diffs.Count == 0) return Mismatch("it changes neither mode nor resources and does not halt");
        var start2 = StartComponents(m, diffs, before, new RunOf(c, c.Start));
        return Confirm(c, [new WitnessRun(ModeName(supBefore, !supBefore), start2, Outcome(r))], diffs,
            "the execution completes and changes the control state (start vs. end)");
    }

    private ReplayResult Mode(ConcreteClaim c)
    {
        var m1 = ReplayMachine.Load(isa, c.Start);
        var m2 = ReplayMachine.Load(isa, c.Start);
        if (!InDomain(m1, c.Domain)) return Mismatch("the start state is not a user state");
        var sup = m1.Machine.IsSupervisor;
        Action<Machine> twin = sup ? machine => machine.EnterUser() : machine => machine.EnterSupervisor();
        twin(m2.Machine);
        if (m2.Machine.IsSupervisor == sup) return Mismatch("the twin state does not flip the supervisor predicate");
        var twinStart = m2.RegistersCopy();
        var startRegs = m1.RegistersCopy();
        var r1 = m1.Machine.ExecuteInstruction(c.Instruction, c.Word);
        var r2 = m2.Machine.ExecuteInstruction(c.Instruction, c.Word);
        if (!Done(r1)) return Mismatch($"the execution in the start state {Outcome(r1)}");
        var perState = c.Kind == PropertyKind.PerStateMode;
        var diffs = new List<Difference>();
        if (Done(r2))
        {
            if (r1.Status != r2.Status) diffs.Add(new Difference("outcome", Outcome(r1), Outcome(r2)));
            diffs.AddRange(StateDiff.Registers(layout, m1.State.Registers, m2.State.Registers, layout.NonMode));
            diffs.AddRange(StateDiff.Memories(layout, m1.Bus, m2.Bus));
            if (perState)
            {
                // In the twin the instruction must leave mode and resources as they were (virtual supervisor mode).
                diffs.AddRange(StateDiff.Registers(layout, twinStart, m2.State.Registers, i => layout.Mode[i])
                    .Select(d => d with { Component = "twin: " + d.Component + " (start vs. end)" }));
                diffs.AddRange(StateDiff.Registers(layout, startRegs, m2.State.Registers, i => layout.Resource[i])
                    .Select(d => d with { Component = "twin: " + d.Component + " (start vs. end)" }));
            }
        }
        else if (perState) diffs.Add(new Difference("outcome", Outcome(r1), Outcome(r2)));
        else return Mismatch($"the execution in the twin state {Outcome(r2)}");
        if (diffs.Count == 0) return Mismatch("the two executions agree outside the mode state");
        return Confirm(c,
            [
                new WitnessRun(ModeName(sup, !sup), StartComponents(m1, diffs, startRegs, new RunOf(c, c.Start)), Outcome(r1)),
                new WitnessRun("twin: " + ModeName(!sup, sup), StartComponents(m2, diffs, twinStart, new RunOf(c, c.Start, twin)), Outcome(r2)),
            ],
            diffs, "the same word from the same state in the other mode gives a different result (first vs. twin)");
    }

    private ReplayResult Location(ConcreteClaim c)
    {
        if (c.Offset is not { } x) return Mismatch("the claim has no VM-map offset");
        var m1 = ReplayMachine.Load(isa, c.Start);
        var m2 = ReplayMachine.Load(isa, c.Start);
        if (!InDomain(m1, c.Domain)) return Mismatch("the start state is not a user state");
        var sup = m1.Machine.IsSupervisor;
        var startRegs = m1.RegistersCopy();
        m2.Machine.Relocate(x);
        var relocatedStart = m2.RegistersCopy();
        var r1 = m1.Machine.ExecuteInstruction(c.Instruction, c.Word);
        var r2 = m2.Machine.ExecuteInstruction(c.Instruction, c.Word);
        if (!Done(r1)) return Mismatch($"the execution in the start state {Outcome(r1)}");
        var diffs = new List<Difference>();
        if (Done(r2))
        {
            m1.Machine.Relocate(x);
            if (r1.Status != r2.Status) diffs.Add(new Difference("outcome", Outcome(r1), Outcome(r2)));
            diffs.AddRange(StateDiff.Registers(layout, m1.State.Registers, m2.State.Registers, layout.FullMask));
            diffs.AddRange(StateDiff.Memories(layout, m1.Bus, m2.Bus));
        }
        else if (c.Kind == PropertyKind.PerStateLocation) diffs.Add(new Difference("outcome", Outcome(r1), Outcome(r2)));
        else return Mismatch($"the execution in the relocated state {Outcome(r2)}");
        if (diffs.Count == 0) return Mismatch("the execution commutes with the VM map");
        return Confirm(c,
            [
                new WitnessRun(ModeName(sup, !sup), StartComponents(m1, diffs, startRegs, new RunOf(c, c.Start), resources: true), Outcome(r1)),
                new WitnessRun($"relocated by {StateDiff.Hex(x, Model.VmMap!.Offset.Type.Width)}",
                    StartComponents(m2, diffs, relocatedStart, new RunOf(c, c.Start, machine => machine.Relocate(x)), resources: true), Outcome(r2)),
            ],
            diffs, "running then relocating differs from relocating then running (first vs. relocated run)");
    }

    private ReplayResult Time(ConcreteClaim c)
    {
        if (c.Other is not { } other) return Mismatch("the claim has no second state");
        var m1 = ReplayMachine.Load(isa, c.Start);
        var m2 = ReplayMachine.Load(isa, other);
        if (!m1.Machine.IsUser) return Mismatch("the start state is not a user state");
        var s1 = m1.RegistersCopy();
        var s2 = m2.RegistersCopy();
        if (StateDiff.Registers(layout, s1, s2, layout.NonTime).Count > 0 || StateDiff.Memories(layout, m1.Bus, m2.Bus).Count > 0)
            return Mismatch("the two start states differ outside the time state");
        var timeDiffs = StateDiff.Registers(layout, s1, s2, i => layout.Time[i]);
        var r1 = m1.Machine.ExecuteInstruction(c.Instruction, c.Word);
        var r2 = m2.Machine.ExecuteInstruction(c.Instruction, c.Word);
        if (!Done(r1) || !Done(r2)) return Mismatch($"an execution trapped ({Outcome(r1)}, {Outcome(r2)})");
        var diffs = new List<Difference>();
        if (r1.Status != r2.Status) diffs.Add(new Difference("outcome", Outcome(r1), Outcome(r2)));
        diffs.AddRange(StateDiff.Registers(layout, m1.State.Registers, m2.State.Registers, layout.NonTime));
        diffs.AddRange(StateDiff.Memories(layout, m1.Bus, m2.Bus));
        if (diffs.Count == 0) return Mismatch("the results agree outside the time state");
        var startDiffs = timeDiffs.Concat(diffs).ToList();
        return Confirm(c,
            [
                new WitnessRun("user", StartComponents(m1, startDiffs, s1, new RunOf(c, c.Start)), Outcome(r1)),
                new WitnessRun("user, other time", StartComponents(m2, startDiffs, s2, new RunOf(c, other)), Outcome(r2)),
            ],
            diffs, "two user states that differ only in time state give results that differ elsewhere");
    }

    private ReplayResult Confirm(ConcreteClaim c, IReadOnlyList<WitnessRun> runs, IReadOnlyList<Difference> diffs, string summary)
    {
        var fields = c.Instruction.Encoding.Fields
            .Select(f => new NamedValue(f.Name, StateDiff.Hex(c.Instruction.Encoding.Extract(c.Word, f), f.Width)))
            .ToList();
        var property = c.Kind.Name() + (c.Kind is PropertyKind.ControlSensitive or PropertyKind.ModeSensitive or PropertyKind.LocationSensitive
            ? $" ({c.Domain.Name()})" : "");
        var offset = c.Offset is { } x && Model.VmMap is { } map ? StateDiff.Hex(x, map.Offset.Type.Width) : null;
        return new ReplayResult(new Witness(property, c.Instruction.Name, Word(c), fields, offset, runs, diffs, summary), null);
    }

    /// <summary>
    /// The start components that matter, read after the run on <paramref name="m"/>: the mode state, the resources
    /// when relocation is involved, every register that differs in the results, every register whose start value
    /// changes how the run ends (<see cref="StartDependence"/>: the registers the instruction reads, such as an
    /// address's base register or the TLB entry that translates it), each at its start value
    /// (<paramref name="registers"/>), then the memory cells the run read before writing them.
    /// </summary>
    private List<NamedValue> StartComponents(ReplayMachine m, IReadOnlyList<Difference> diffs, ulong[] registers, RunOf run, bool resources = false)
    {
        var named = diffs.Select(d => d.Component).ToHashSet();
        bool Shown(int i)
        {
            var name = layout.SlotNames[i];
            return layout.Mode[i] != 0 || (resources && layout.Resource[i] != 0)
                || named.Any(n => n == name || n.StartsWith(name + " &", StringComparison.Ordinal) || n.Contains(": " + name, StringComparison.Ordinal));
        }
        var read = dependence.SlotsThatMatter(run.Start, run.Prepare, run.Claim.Instruction, run.Claim.Word, Shown).ToHashSet();
        var result = new List<NamedValue>();
        for (var i = 0; i < registers.Length; i++)
            if (Shown(i) || read.Contains(i)) result.Add(new NamedValue(layout.SlotNames[i], StateDiff.Hex(registers[i], layout.SlotWidths[i])));
        result.AddRange(ReadCells(m.Bus.ReadLog));
        return result;
    }

    /// <summary>
    /// The cells a run read, by memory and address, each at its first value read; consecutive cells as one entry
    /// `E[first..last]` whose value lists the cells' values (or one value and the count when they are all the same),
    /// so that a 256-byte move reads as one line.
    /// </summary>
    private IEnumerable<NamedValue> ReadCells(IReadOnlyList<MemoryRead> log)
    {
        var first = new Dictionary<(int, ulong), MemoryRead>();
        foreach (var cell in log) first.TryAdd((cell.Memory, cell.Address), cell);
        foreach (var memory in Model.Memories)
        {
            var cells = first.Values.Where(c => c.Memory == memory.Index).OrderBy(c => c.Address).ToList();
            for (var i = 0; i < cells.Count;)
            {
                var j = i + 1;
                while (j < cells.Count && cells[j].Address == cells[j - 1].Address + 1) j++;
                var run = cells.GetRange(i, j - i);
                var at = StateDiff.Hex(run[0].Address, memory.AddressWidth);
                if (run.Count == 1)
                    yield return new NamedValue($"{memory.Name}[{at}]", StateDiff.Hex(run[0].Value, memory.CellWidth));
                else
                {
                    var values = run.Select(c => StateDiff.Hex(c.Value, memory.CellWidth)).ToList();
                    var value = values.Distinct().Count() == 1 ? $"{values[0]} (each of {run.Count})" : string.Join(" ", values);
                    yield return new NamedValue($"{memory.Name}[{at}..{StateDiff.Hex(run[^1].Address, memory.AddressWidth)}]", value);
                }
                i = j;
            }
        }
    }

    /// <summary>How a run was set up: its start state and what was done to it before the instruction (twin, relocation).</summary>
    private sealed record RunOf(ConcreteClaim Claim, ConcreteState Start, Action<Machine>? Prepare = null);

    private string? HardwiredViolated(ConcreteState state)
    {
        foreach (var r in Model.Registers)
            foreach (var h in r.Hardwired)
                if (state.Slots[r.Slot + h.Index] != (h.Value & WidthMask(r.Width))) return $"{r.Name}[{h.Index}]";
        return null;
    }

    private static ulong WidthMask(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;

    private bool InDomain(ReplayMachine m, Domain domain) => domain == Domain.AllStates || m.Machine.IsUser;

    private bool IsMemoryTrap(StepResult r) =>
        r.Status == StepStatus.Trapped && r.Trap is { } t && Model.Roles.MemoryTraps.Any(e => ReferenceEquals(e, t.Exception));

    // Completed or halted, after a prologue that completed.
    private static bool Done(StepResult r) => r.Instruction is not null && r.Status != StepStatus.Trapped;

    private static string Outcome(StepResult r) => r.Status switch
    {
        StepStatus.Completed => "completes",
        StepStatus.Halted => "halts",
        _ => r.Instruction is null ? $"traps in the prologue with {r.Trap}" : $"traps with {r.Trap}",
    };

    private static string ModeName(bool sup, bool usr) => sup ? "supervisor" : usr ? "user" : "neither user nor supervisor";

    private string Word(ConcreteClaim c)
    {
        var bits = c.Instruction.Encoding.Length;
        return "0x" + c.Word.ToString("x").PadLeft((bits + 3) / 4, '0');
    }

    private static ReplayResult Mismatch(string why) => new(null, why);
}
