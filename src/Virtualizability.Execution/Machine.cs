using System.Collections.Immutable;
using Virtualizability.Execution.Compilation;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Execution;

/// <summary>
/// A machine: state plus a compiled ISA. Steps return traps as values; delivering a trap (running the
/// exception's entry block) is a separate call, so a VMM can intercept every trap before the guest sees it.
/// </summary>
public sealed class Machine
{
    private readonly ExecutionFrame _frame;

    public Machine(CompiledIsa isa, MachineOptions? options = null)
        : this(isa, new MachineState(isa.Model, options))
    {
    }

    /// <summary>Runs on <paramref name="state"/> itself (not a copy).</summary>
    public Machine(CompiledIsa isa, MachineState state)
    {
        if (!ReferenceEquals(state.Model, isa.Model)) throw new ArgumentException("the state belongs to another model", nameof(state));
        Isa = isa;
        State = state;
        _frame = new ExecutionFrame(state, isa.MaxTrapArguments, isa.MaxCallArguments);
    }

    public CompiledIsa Isa { get; }

    public IsaModel Model => Isa.Model;

    public MachineState State { get; }

    /// <summary>Set by `halt`; a halted machine does not step until <see cref="Reset"/> or <see cref="Resume"/>.</summary>
    public bool IsHalted { get; private set; }

    /// <summary>Registers go to zero (hardwired entries to their constants), then the reset block runs; memory keeps its contents.</summary>
    public void Reset()
    {
        State.ClearRegisters();
        IsHalted = false;
        Check(Isa.Reset(_frame), "reset");
    }

    /// <summary>Clears the halted flag without touching the state.</summary>
    public void Resume() => IsHalted = false;

    /// <summary>
    /// Asks the current run to end after the step in progress (callable from a device on the memory bus, which
    /// runs inside a step). <see cref="Run"/> then returns <see cref="RunStopReason.StopRequested"/>; a request made
    /// outside a run makes the next run return before its first step.
    /// </summary>
    public void RequestStop() => _frame.StopRequested = true;

    /// <summary>Runs one step. A trap is reported, not delivered.</summary>
    public StepResult Step()
    {
        if (IsHalted) return new StepResult(StepStatus.Halted, null, null);
        // A single step ends after one step anyway: a stop requested before or during it has nothing left to stop.
        _frame.StopRequested = false;
        var status = Isa.RunLoop(_frame, 1);
        _frame.StopRequested = false;
        return Outcome(status);
    }

    /// <summary>
    /// Runs until halt or <paramref name="maxSteps"/> steps. On a trap, <paramref name="onTrap"/> (when given) sees it first
    /// and stops the run by returning false; then the trap is delivered when <paramref name="deliverTraps"/> is set,
    /// and otherwise the run stops (unless a handler took it by returning true).
    /// </summary>
    public RunResult Run(long maxSteps, bool deliverTraps = true, Func<Trap, bool>? onTrap = null)
    {
        long steps = 0, traps = 0;
        Trap? lastTrap = null;
        while (steps < maxSteps)
        {
            if (IsHalted) return new RunResult(RunStopReason.Halted, steps, traps, lastTrap);
            _frame.StepsExecuted = 0;
            var status = Isa.RunLoop(_frame, maxSteps - steps);
            steps += _frame.StepsExecuted;
            if (_frame.StopRequested && status == ExecutionFrame.StatusContinue)
            {
                _frame.StopRequested = false;
                return new RunResult(RunStopReason.StopRequested, steps, traps, lastTrap);
            }
            if (status == ExecutionFrame.StatusHalt)
            {
                IsHalted = true;
                return new RunResult(RunStopReason.Halted, steps, traps, lastTrap);
            }
            if (status != ExecutionFrame.StatusTrap) continue;
            traps++;
            lastTrap = CurrentTrap();
            if (onTrap is not null && !onTrap(lastTrap)) return new RunResult(RunStopReason.StoppedByHandler, steps, traps, lastTrap);
            if (deliverTraps)
            {
                if (Deliver(lastTrap) is { } nested) lastTrap = nested;
            }
            else if (onTrap is null) return new RunResult(RunStopReason.Trapped, steps, traps, lastTrap);
        }
        return new RunResult(IsHalted ? RunStopReason.Halted : RunStopReason.StepLimit, steps, traps, lastTrap);
    }

    /// <summary>
    /// Runs the exception's entry block with the trap's arguments. Returns null normally, or the trap the entry block
    /// itself raised (a spec whose trap entry can fault); a `halt` in the entry halts the machine.
    /// </summary>
    public Trap? Deliver(Trap trap)
    {
        for (var i = 0; i < trap.Arguments.Length; i++) _frame.TrapArguments[i] = trap.Arguments[i];
        var status = Isa.ExceptionEntry(trap.Exception)(_frame);
        if (status == ExecutionFrame.StatusHalt) IsHalted = true;
        return status == ExecutionFrame.StatusTrap ? CurrentTrap() : null;
    }

    public bool IsSupervisor
    {
        get
        {
            Check(Isa.SupervisorPredicate(_frame), "the supervisor predicate");
            return _frame.Result != 0;
        }
    }

    /// <summary>The spec's `user when` predicate, or not-supervisor when it has none (machines with more than two levels have states that are neither).</summary>
    public bool IsUser
    {
        get
        {
            if (Isa.UserPredicate is not { } user) return !IsSupervisor;
            Check(user(_frame), "the user predicate");
            return _frame.Result != 0;
        }
    }

    public void EnterUser() => Check(Isa.EnterUserAction(_frame), "enter user");

    public void EnterSupervisor() => Check(Isa.EnterSupervisorAction(_frame), "enter supervisor");

    /// <summary>
    /// Applies the spec's VM map for relocation by <paramref name="offset"/>: runs its statements on the resource state,
    /// then moves storage so that new E[a + d] = old E[a]. A spec without a `vmmap` has no relocation: its only VM map
    /// is the identity, and this does nothing.
    /// </summary>
    public void Relocate(ulong offset)
    {
        if (Model.VmMap is not { } map) return;
        // The distance is an expression of the offset; like the `move` clause, it is evaluated after the statements.
        _frame.Result = offset;
        Check(Isa.VmMapBody!(_frame), "the vmmap");
        _frame.Result = offset;
        Check(Isa.VmMapMoveBy!(_frame), "the vmmap's move distance");
        State.Memory(map.MovedStorage).Move(_frame.Result);
    }

    public InstructionDecl? Decode(UInt128 word) => Isa.Decode(word);

    /// <summary>
    /// Runs the spec's fetch on the current state without stepping (fixed-width encodings): the word the next
    /// step would decode, or null when the fetch would trap (the trap is neither reported nor delivered).
    /// Tracers use it to show the instruction word; the fetch reads state and changes none of it.
    /// </summary>
    public ulong? PeekFetch() =>
        Isa.Fetch(_frame) == ExecutionFrame.StatusContinue ? _frame.Result : null;

    /// <summary>
    /// Runs one step with the fetch replaced by <paramref name="word"/>: prologue, this instruction's body, epilogue.
    /// The analysis replays its witnesses through this.
    /// </summary>
    public StepResult ExecuteInstruction(InstructionDecl instruction, UInt128 word)
    {
        _frame.InstructionIndex = -1;
        var status = Isa.Prologue(_frame);
        if (status == ExecutionFrame.StatusContinue)
        {
            _frame.InstructionIndex = instruction.Index;
            status = Isa.Body(instruction)(_frame, (ulong)word, (ulong)(word >> 64));
        }
        if (status == ExecutionFrame.StatusContinue) status = Isa.Epilogue(_frame);
        return Outcome(status);
    }

    /// <summary>Runs only the instruction's body on the current state (no prologue or epilogue).</summary>
    public StepResult ExecuteBody(InstructionDecl instruction, UInt128 word)
    {
        _frame.InstructionIndex = instruction.Index;
        return Outcome(Isa.Body(instruction)(_frame, (ulong)word, (ulong)(word >> 64)));
    }

    public StateSnapshot Snapshot() => StateSnapshot.Capture(State);

    private StepResult Outcome(int status)
    {
        var instruction = _frame.InstructionIndex >= 0 ? Isa.InstructionAt(_frame.InstructionIndex) : null;
        switch (status)
        {
            case ExecutionFrame.StatusTrap:
                return new StepResult(StepStatus.Trapped, instruction, CurrentTrap());
            case ExecutionFrame.StatusHalt:
                IsHalted = true;
                return new StepResult(StepStatus.Halted, instruction, null);
            default:
                return new StepResult(StepStatus.Completed, instruction, null);
        }
    }

    private Trap CurrentTrap()
    {
        var exception = Isa.ExceptionAt(_frame.TrapIndex);
        return new Trap(exception, ImmutableArray.Create(_frame.TrapArguments, 0, exception.Parameters.Length));
    }

    /// <summary>Role blocks and the reset block are the spec's own, not guest code: a trap or halt there is a spec error.</summary>
    private static void Check(int status, string what)
    {
        if (status != ExecutionFrame.StatusContinue)
            throw new InvalidOperationException($"{what} {(status == ExecutionFrame.StatusTrap ? "trapped" : "halted")}; the spec's role blocks must not");
    }
}
