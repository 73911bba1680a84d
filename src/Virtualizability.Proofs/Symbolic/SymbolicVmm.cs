using System.Collections.Immutable;
using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Allocation;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;
using Virtualizability.Vmm;

namespace Virtualizability.Proofs.Symbolic;

/// <summary>
/// The interpreter routine for an instruction: what the VMM runs on the virtual state when it emulates. With
/// <paramref name="decodedUnits"/> it decodes those units instead of what it fetches (<see cref="SymbolicExecutor.ExecuteStep"/>).
/// </summary>
public delegate InstructionStep InterpreterRoutine(InstructionDecl instruction, SymbolicState virtualState, ImmutableArray<Term>? decodedUnits);

/// <summary>
/// The VMM the runtime builds (docs/vmm.md), as terms: the VM map f, one step of the virtual machine, and one step of
/// the VMM on a real state — direct execution in real user mode, or a trap into the dispatcher, which reflects it or
/// runs the interpreter routine on the virtual state, after which the allocator reloads the real resources.
/// </summary>
public sealed class SymbolicVmm
{
    private readonly ImmutableArray<int> _directSlots;
    private readonly ImmutableArray<int> _virtualOnlySlots;
    // Slots split by bits (RegisterPartition.PartialSlots): the direct bits' mask, and the role bits' as a term.
    private readonly ImmutableArray<(int Slot, ulong DirectMask, Term Role)> _partialSlots;
    private readonly Dictionary<int, Term> _partialRoles;
    private readonly HashSet<ExceptionDecl> _memoryTraps;
    private readonly InterpreterRoutine _interpreter;

    public SymbolicVmm(IsaModel model, IAllocatorProofModel allocator, InterpreterRoutine? interpreter = null)
    {
        if (model.Memories.Length != 1)
            throw new NotSupportedException($"{model.Name}: the VMM proofs handle one memory (the storage role); this spec has {model.Memories.Length}");
        Model = model;
        Allocator = allocator;
        // The runtime's own split (RegisterPartition) decides which registers run directly.
        var partition = new RegisterPartition(model, allocator.ExtraVirtualized);
        _directSlots = [.. partition.Direct.SelectMany(r => Enumerable.Range(r.Slot, r.Count))];
        _virtualOnlySlots = [.. Enumerable.Range(0, model.StateSlots).Except(_directSlots)];
        var widths = model.Registers.SelectMany(r => Enumerable.Range(r.Slot, r.Count).Select(slot => (slot, r.Width))).ToDictionary();
        _partialSlots = [.. partition.PartialSlots.Select(p => (p.Slot, p.DirectMask,
            Term.Bv(~p.DirectMask & RegisterPartition.Mask(widths[p.Slot]), widths[p.Slot])))];
        _partialRoles = _partialSlots.ToDictionary(p => p.Slot, p => p.Role);
        _memoryTraps = model.Roles.MemoryTraps.ToHashSet();
        _interpreter = interpreter ?? ((i, s, units) => SymbolicExecutor.ExecuteStep(model, i, s, units));
        Storage = model.Roles.Storage;
    }

    public IsaModel Model { get; }
    public IAllocatorProofModel Allocator { get; }
    public MemoryDecl Storage { get; }

    /// <summary>The real state of f(v) with machine memory <paramref name="machineMemory"/> (coupled to v's storage by <see cref="MemoryCoupling"/>).</summary>
    public SymbolicState RealOf(SymbolicState virtualState, Term machineMemory)
    {
        var real = Allocator.LoadRealResources(virtualState, virtualState.WithMemory(Storage, machineMemory));
        return SymbolicExecutor.EnterUser(Model, real);
    }

    /// <summary>f(state) as a VMM view, with machine memory outside the allocation read from <paramref name="outside"/>.</summary>
    public VmmView ViewOf(SymbolicState virtualState, Term halted, Term outside) => new(
        RealOf(virtualState, outside).Slots,
        address => Term.Ite(Allocator.InAllocation(address),
            Term.Select(virtualState.Memory(Storage), Allocator.GuestAddress(address)),
            Term.Select(outside, address)),
        VirtualOnly(virtualState),
        halted,
        Term.False);

    /// <summary>The virtual machine's whole step: completion, a trap taken (its entry run), or a halt.</summary>
    public (SymbolicState Final, Term Halted) TotalStep(InstructionStep step)
    {
        var outcome = step.Outcome;
        var final = outcome.Completed;
        foreach (var trap in outcome.Traps)
            final = SymbolicState.Merge(trap.Guard, Deliver(trap.Exception, trap.State, trap.Arguments), final);
        final = SymbolicState.Merge(outcome.HaltedGuard, outcome.Halted, final);
        return (final, outcome.HaltedGuard);
    }

    /// <summary>The spec's trap entry on a state; a trap raised by the entry itself is dropped, as the run loop drops it.</summary>
    public SymbolicState Deliver(ExceptionDecl exception, SymbolicState state, ImmutableArray<Term> arguments)
    {
        var locals = exception.Parameters.Zip(arguments).ToDictionary(p => p.First, p => p.Second);
        var entry = SymbolicExecutor.ExecuteBlock(exception.Entry, state, locals);
        var final = entry.Completed;
        foreach (var trap in entry.Traps) final = SymbolicState.Merge(trap.Guard, trap.State, final);
        return SymbolicState.Merge(entry.HaltedGuard, entry.Halted, final);
    }

    /// <summary><paramref name="virtualState"/> with the direct registers of the real state at a trap (the dispatcher's copy).</summary>
    public SymbolicState WithDirectFrom(SymbolicState virtualState, SymbolicState real)
    {
        var s = virtualState;
        foreach (var slot in _directSlots) s = s.WithSlot(slot, real.Slots[slot]);
        foreach (var (slot, direct, _) in _partialSlots)
            s = s.WithSlot(slot, MergeBits(virtualState.Slots[slot], real.Slots[slot], direct));
        return s;
    }

    /// <summary>
    /// The bits of <paramref name="direct"/> under <paramref name="directMask"/> and of <paramref name="role"/> elsewhere, as a
    /// concatenation of slices rather than masks and an OR: a slice of the result is then a slice of one source, so where the
    /// real register's direct bits are the virtual one's (the enter-user block rewrote only the mode field) the merge
    /// simplifies back to the virtual register. Merged with masks, every field read after a trap (SPARC's PSR.CWP, which
    /// indexes the 128 windowed registers) stayed an extract of an OR, and ADD's equivalence was unknown at 60 s.
    /// </summary>
    private static Term MergeBits(Term role, Term direct, ulong directMask)
    {
        bool IsDirect(int bit) => ((directMask >> bit) & 1) == 1;
        Term? merged = null;
        var high = role.Width - 1;
        while (high >= 0)
        {
            var fromDirect = IsDirect(high);
            var low = high;
            while (low > 0 && IsDirect(low - 1) == fromDirect) low--;
            var piece = Term.Extract(fromDirect ? direct : role, high, low);
            merged = merged is null ? piece : Term.Concat(merged, piece);
            high = low - 1;
        }
        return merged!;
    }

    /// <summary>
    /// What the VM keeps only in its virtual state: the virtualized registers, and of a register split by bits only its
    /// role bits (its other bits live in the real register while the guest runs, and are compared there).
    /// </summary>
    private ImmutableArray<Term> VirtualOnly(SymbolicState state)
    {
        var slots = state.Slots;
        return [.. _virtualOnlySlots.Select(s => _partialRoles.TryGetValue(s, out var role) ? Term.BvAnd(slots[s], role) : slots[s])];
    }

    /// <summary>
    /// One step of the VMM from f(v): the real step on <paramref name="real"/>, then for each way it ends what the
    /// VMM does. <see cref="VmmStep.InterpreterFetchMismatch"/> and the partial-write condition are the runtime's
    /// assumptions (the interpreter re-runs the step on memory the real step did not write), made proof obligations.
    /// With <paramref name="interpreterDecodesVirtualUnits"/> the interpreter routine decodes <paramref name="virtualUnits"/>
    /// rather than what it fetches: the same step wherever the interpreter-fetch-mismatch disjunct is false, which the
    /// obligation states beside it (the split obligations use it, so that a part's fixed field values reach the routine).
    /// </summary>
    public VmmStep Step(InstructionDecl instruction, SymbolicState virtualState, SymbolicState real, ImmutableArray<Term> virtualUnits, Term address,
        bool interpreterDecodesVirtualUnits = false)
    {
        // The real step decodes v's units: FetchMismatch (an obligation of its own, over every machine memory) says the
        // real fetch returns them whenever it completes, and when it traps, what it would have decoded plays no part.
        var realStep = SymbolicExecutor.ExecuteStep(Model, instruction, real, virtualUnits);
        var outcome = realStep.Outcome;
        var machineMemory = real.Memory(Storage);

        var view = new VmmView(outcome.Halted.Slots, a => Term.Select(outcome.Halted.Memory(Storage), a),
            VirtualOnly(virtualState), Term.False, Term.True);
        var interpreterFetchMismatch = Term.False;
        var partialWrite = Term.False;
        var routes = new List<VmmRoute>();
        foreach (var trap in outcome.Traps)
        {
            var atTrap = WithDirectFrom(virtualState, trap.State);
            var reflect = _memoryTraps.Contains(trap.Exception)
                ? Allocator.ReflectsMemoryTrap(trap, virtualState)
                : Allocator.ReflectsTrap(trap, virtualState, IsUser(virtualState));
            routes.Add(new VmmRoute("trap-" + trap.Exception.Name, $"the real step traps with {trap.Exception.Name}", trap.Guard, reflect));
            var reflected = Deliver(trap.Exception, atTrap, trap.Arguments);
            var routine = _interpreter(instruction, atTrap, interpreterDecodesVirtualUnits ? virtualUnits : null);
            var (interpreted, halted) = TotalStep(routine);
            var after = SymbolicState.Merge(reflect, reflected, interpreted);
            var trapView = ViewOf(after, Term.And(Term.Not(reflect), halted), trap.State.Memory(Storage));
            view = VmmView.Merge(trap.Guard, trapView, view);

            var (routineUnits, routineFetch) = SymbolicExecutor.ExecuteFetch(Model, instruction, atTrap);
            interpreterFetchMismatch = Term.Or(interpreterFetchMismatch,
                Term.And(trap.Guard, Term.Not(reflect), routineFetch.CompletedGuard, UnitsDiffer(routineUnits, virtualUnits)));
            partialWrite = Term.Or(partialWrite,
                Term.And(trap.Guard, Term.Ne(Term.Select(trap.State.Memory(Storage), address), Term.Select(machineMemory, address))));
        }
        var direct = DirectView(virtualState, outcome.Completed);
        view = VmmView.Merge(outcome.CompletedGuard, direct, view);

        var (realUnits, realFetch) = SymbolicExecutor.ExecuteFetch(Model, instruction, real);
        var fetchMismatch = Term.And(realFetch.CompletedGuard, UnitsDiffer(realUnits, virtualUnits));
        routes.Add(new VmmRoute("halts", "the real step halts (control lost)", outcome.HaltedGuard, null));
        routes.Add(new VmmRoute("completes", "the real step completes directly", outcome.CompletedGuard, null));
        return new VmmStep(realStep, view, fetchMismatch, interpreterFetchMismatch, partialWrite) { Routes = routes };
    }

    /// <summary>The dispatcher reflects a non-memory trap only in virtual user mode (the spec's user predicate, else not supervisor).</summary>
    private Term IsUser(SymbolicState state) =>
        Model.Roles.UserPredicate is { } user ? SymbolicExecutor.EvaluatePure(user, state) : Term.Not(SymbolicExecutor.IsSupervisor(Model, state));

    // The VMM's state after a real step that completed: the real state as it is, or (an allocator that saves real
    // resources into the virtual state) the saved virtual state with the real resources loaded from it again.
    private VmmView DirectView(SymbolicState virtualState, SymbolicState completed)
    {
        var memory = completed.Memory(Storage);
        var saved = Allocator.SaveAfterDirectStep(WithDirectFrom(virtualState, completed), completed);
        return saved is null
            ? new VmmView(completed.Slots, a => Term.Select(memory, a), VirtualOnly(virtualState), Term.False, Term.False)
            : new VmmView(RealOf(saved, memory).Slots, a => Term.Select(memory, a), VirtualOnly(saved), Term.False, Term.False);
    }

    public static Term UnitsDiffer(ImmutableArray<Term> a, ImmutableArray<Term> b) => Term.Or(a.Zip(b, Term.Ne));
}

/// <summary>
/// One VMM step: the real step, the resulting VMM state, and the conditions under which the step would not be the
/// VMM's step of the virtual instruction at all (the real machine or the interpreter fetched another word, the real
/// step wrote memory before trapping).
/// </summary>
public sealed record VmmStep(InstructionStep Real, VmmView Result, Term FetchMismatch, Term InterpreterFetchMismatch, Term PartialWrite)
{
    /// <summary>
    /// The ways the VMM's step goes, in the order <see cref="Result"/> merges them: each real trap (and, under it,
    /// whether the dispatcher reflects it), the real halt, the direct completion. What an outcome split cases on
    /// (<see cref="Obligations.OutcomeSplit"/>).
    /// </summary>
    public IReadOnlyList<VmmRoute> Routes { get; init; } = [];
}

/// <summary>
/// One way a VMM step goes: the real step's outcome under <paramref name="Guard"/>; for a trap, <paramref name="Reflect"/> is the
/// dispatcher's choice between reflecting it to the guest (true) and interpreting the instruction (false); null otherwise.
/// </summary>
public sealed record VmmRoute(string Label, string Description, Term Guard, Term? Reflect);
