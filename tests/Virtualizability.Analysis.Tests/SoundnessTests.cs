using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Virtualizability.Analysis.Replay;
using Virtualizability.Execution;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Terms;
using Xunit.Abstractions;

namespace Virtualizability.Analysis.Tests;

/// <summary>
/// Soundness of the checker's "no" answers against the executable model, independently of the SMT encoding
/// (issue 3, item 5). For each corpus spec, a selection of instructions is checked under all three definitions;
/// then FsCheck draws random concrete states (biased towards states where the instruction completes: the reset
/// state with some registers randomised, entered into user or supervisor mode, registers drawn from the spec's own
/// constants and edge values) and random words of the instruction, and runs each (property, state, word) through
/// the witness replayer — Machine.ExecuteInstruction, EnterUser/EnterSupervisor for the twin, Relocate for the VM
/// map. A replay that confirms a property the checker answered "no" (a control change in a user state, a twin that
/// ends differently, a relocation that does not commute, a privileged word that does not trap in user mode) is a
/// counterexample to the checker. Category "Soundness".
/// </summary>
[Trait("Category", "Soundness")]
public class SoundnessTests(ITestOutputHelper output)
{
    // Instruction selections: the literature's key instructions and ordinary ones, kept small for CI time.
    public static TheoryData<string, string[]> Selections => new()
    {
        { "pg-machine.isa", [] },
        { "variants/pg-jrst.isa", [] },
        { "variants/pg-readr.isa", [] },
        { "variants/pg-modenop.isa", [] },
        { "riscv.isa", ["ADD", "LW", "SW", "BEQ", "JAL", "ECALL", "MRET", "SRET", "WFI", "SFENCE_VMA"] },
        { "s360.isa", ["AR", "LR", "BALR", "SVC", "SSM", "LPSW", "ISK", "SSK", "SIO", "SPM"] },
        { "pdp10.isa", ["MOVEI", "SETZ", "JUMP", "JRST", "JRST1", "JRSTF", "HALT", "CONO", "DATAO"] },   // memory-operand ones (MOVE, PUSH) cost seconds each
        { "mips32.isa", ["ADDU", "OR", "BEQ", "J", "SYSCALL", "MFC0", "MTC0", "DI", "EI", "TEQ"] },
        { "x86-protected.isa", ["SGDT", "SMSW", "PUSHF", "POPF", "LGDT", "CLI", "STI", "HLT", "MOV_RR", "ADD", "NOP"] },
        { "armv7a.isa", ["CPS", "MRS", "MSR", "DP_REG", "MOVW", "B", "SVC", "MCR_P15", "SUBS_PC_LR"] },
    };

    private const int SamplesPerQuestion = 150;

    [Theory]
    [MemberData(nameof(Selections))]
    public void No_answer_is_contradicted_by_a_random_concrete_execution(string spec, string[] instructions)
    {
        var model = Specs.Load(spec);
        var selected = instructions.Where(n => model.Instruction(n) is not null).ToArray();
        var report = SpecAnalyzer.Check(model, new AnalysisOptions
        {
            Definitions = Definitions.All, Instructions = selected, Timeout = TimeSpan.FromSeconds(20),
        });
        Assert.Empty(report.InternalErrors);

        var isa = CompiledIsa.Compile(model);
        var replayer = new WitnessReplayer(isa);
        var states = new StateGenerator(model, isa);
        var checkedQuestions = 0;
        var completed = 0;
        var runs = 0;
        foreach (var definition in report.Definitions)
            foreach (var row in definition.Instructions)
                foreach (var (kind, domain) in NoAnswers(definition.Definition, row, model.VmMap is not null))
                {
                    checkedQuestions++;
                    var instruction = row.Instruction;
                    // One seed per sample: the state, word, second state and offset are drawn from it (FsCheck reports the seed).
                    var claims = Gen.Choose(0, int.MaxValue).Select(seed => states.Draw(instruction, new Random(seed)));
                    Prop.ForAll(claims.ToArbitrary(), c =>
                    {
                        var start = c.Start;
                        if (domain == Domain.UserStates) start = states.EnterUser(start);
                        var claim = new ConcreteClaim(kind, domain, instruction, c.Word, start,
                            kind is PropertyKind.LocationSensitive or PropertyKind.PerStateLocation ? c.Offset & OffsetMask(model) : null,
                            kind == PropertyKind.TimeDependent ? states.WithTimeOf(start, c.Other) : c.Other);
                        runs++;
                        if (states.Completes(instruction, c.Word, start)) completed++;
                        var replay = replayer.Replay(claim);
                        return (replay.Witness is null).ToProperty().Label($"{model.Name} {instruction.Name} under {definition.Definition.Name()}: the checker said no to " +
                                   $"{kind.Name()} on {domain.Name()}, but the executable model shows it: {replay.Witness?.Summary} " +
                                   $"{string.Join("; ", replay.Witness?.Differences.Select(d => $"{d.Component}: {d.First} vs {d.Second}") ?? [])}");
                    }).Check(Config.QuickThrowOnFailure.WithMaxTest(SamplesPerQuestion).WithQuietOnSuccess(true));
                }
        output.WriteLine($"{model.Name}: {checkedQuestions} no-answers checked, {runs} random executions, {completed} completed");
        Assert.True(checkedQuestions > 0, "no 'no' answer to check: the selection is vacuous");
        // The generator must reach completing executions, or the property would hold vacuously.
        Assert.True(completed * 20 >= runs, $"only {completed} of {runs} random executions completed");
    }

    private static ulong OffsetMask(IsaModel model) =>
        model.VmMap!.Offset.Type.Width >= 64 ? ulong.MaxValue : (1UL << model.VmMap.Offset.Type.Width) - 1;

    /// <summary>The questions a definition's row answered "no", as (property, domain) pairs the replayer checks.</summary>
    private static IEnumerable<(PropertyKind, Domain)> NoAnswers(Definition definition, InstructionResult row, bool hasVmMap)
    {
        if (row.Privileged.IsYes) yield return (PropertyKind.NotPrivileged, Domain.AllStates);
        if (row.TimeDependent.IsNo && definition == Definition.PerState) yield return (PropertyKind.TimeDependent, Domain.UserStates);
        var (control, mode, location, domain) = definition switch
        {
            Definition.PerState => (PropertyKind.PerStateControl, PropertyKind.PerStateMode, PropertyKind.PerStateLocation, Domain.UserStates),
            Definition.User => (PropertyKind.ControlSensitive, PropertyKind.ModeSensitive, PropertyKind.LocationSensitive, Domain.UserStates),
            _ => (PropertyKind.ControlSensitive, PropertyKind.ModeSensitive, PropertyKind.LocationSensitive, Domain.AllStates),
        };
        if (row.ControlSensitive.IsNo) yield return (control, domain);
        if (row.ModeSensitive.IsNo) yield return (mode, domain);
        if (row.LocationSensitive.IsNo && hasVmMap) yield return (location, domain);
    }

    /// <summary>Random machine states and words, biased towards executions that complete.</summary>
    private sealed class StateGenerator
    {
        private readonly IsaModel model;
        private readonly CompiledIsa isa;
        private readonly StateLayout layout;
        private readonly ulong[] reset;
        private readonly ulong[] pool;

        public StateGenerator(IsaModel model, CompiledIsa isa)
        {
            this.model = model;
            this.isa = isa;
            layout = StateLayout.Of(model);
            var m = ReplayMachine.Load(isa, Empty(0));
            m.Machine.Reset();
            reset = m.RegistersCopy();
            pool = [.. model.Constants.Select(c => c.Value).Concat(reset).Concat(new ulong[] { 0, 1, 2, 3, 4, 8, 0x10, 0x100, 0x1000, 0xFFFF_FFFF }).Distinct()];
        }

        private ConcreteState Empty(ulong fill) => new(
            [.. new ulong[model.StateSlots]],
            [.. model.Memories.Select(m => ArrayValue.Constant(m.AddressWidth, m.CellWidth, fill & Mask(m.CellWidth)))]);

        private static ulong Mask(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;

        private ulong Value(Random r, int width)
        {
            var v = r.Next(12) switch
            {
                < 3 => 0UL,
                < 6 => pool[r.Next(pool.Length)],
                < 8 => (ulong)r.Next(65),
                8 => ulong.MaxValue,
                _ => (ulong)r.NextInt64() ^ ((ulong)r.Next() << 40),
            };
            return v & Mask(width);
        }

        /// <summary>
        /// A word of the instruction's pattern (fields random, fixed bits as the pattern says), a start state (the reset
        /// state with each register randomised with probability 1/2, over random memory, in a random mode), a second
        /// random state and an offset.
        /// </summary>
        public (UInt128 Word, ConcreteState Start, ConcreteState Other, ulong Offset) Draw(InstructionDecl instruction, Random r) =>
            (Word(instruction, r), State(r), State(r), Value(r, 64));

        private ConcreteState State(Random r)
        {
            var slots = Enumerable.Range(0, model.StateSlots).Select(i => r.Next(2) == 0 ? reset[i] : Value(r, layout.SlotWidths[i])).ToArray();
            var fill = (ulong)r.Next(256);
            var memories = model.Memories.Select(m =>
            {
                var a = ArrayValue.Constant(m.AddressWidth, m.CellWidth, fill & Mask(m.CellWidth));
                for (var k = r.Next(8); k > 0; k--) a = a.Write(Value(r, m.AddressWidth), Value(r, m.CellWidth));
                return a;
            });
            return Enter(new ConcreteState([.. slots], [.. memories]), r.Next(3));
        }

        private UInt128 Word(InstructionDecl instruction, Random r)
        {
            var p = instruction.Encoding;
            var all = p.Length >= 128 ? UInt128.MaxValue : (UInt128.One << p.Length) - 1;
            for (var attempt = 0; ; attempt++)
            {
                var random = (((UInt128)Value(r, 64) << 64) | Value(r, 64)) & all;
                var w = (random & ~p.Mask) | p.Value;
                if (model.Encoding.Kind != EncodingKind.Fixed || ReferenceEquals(isa.Decode(w), instruction) || attempt > 100) return w;
            }
        }

        private ConcreteState Enter(ConcreteState s, int mode) => mode switch { 0 => EnterUser(s), 1 => Run(s, m => m.EnterSupervisor()), _ => s };

        public ConcreteState EnterUser(ConcreteState s) => Run(s, m => m.EnterUser());

        private ConcreteState Run(ConcreteState s, Action<Machine> action)
        {
            var m = ReplayMachine.Load(isa, s);
            action(m.Machine);
            return s with { Slots = [.. m.RegistersCopy()] };
        }

        /// <summary>The second state of a time-dependence claim: the start with its time bits from <paramref name="other"/>.</summary>
        public ConcreteState WithTimeOf(ConcreteState start, ConcreteState other) => start with
        {
            Slots = [.. start.Slots.Select((v, i) => (v & ~layout.Time[i]) | (other.Slots[i] & layout.Time[i]))],
        };

        public bool Completes(InstructionDecl instruction, UInt128 word, ConcreteState s)
        {
            var m = ReplayMachine.Load(isa, s);
            var r = m.Machine.ExecuteInstruction(instruction, word);
            return r.Instruction is not null && r.Status != StepStatus.Trapped;
        }
    }
}
