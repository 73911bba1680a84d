using System.Collections.Immutable;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Smt.Symbolic;

/// <summary>
/// Symbolic execution of an <see cref="IsaModel"/>: instructions, whole steps, the mode predicate, mode entry and
/// the VM map, each from a <see cref="SymbolicState"/> to terms. Stateless; every call is independent.
/// </summary>
public static class SymbolicExecutor
{
    /// <summary>Runs a block from <paramref name="pre"/> with the given locals bound (parameters, fields).</summary>
    public static StepOutcome ExecuteBlock(Block block, SymbolicState pre, IReadOnlyDictionary<Local, Term>? locals = null)
    {
        var outcomes = new OutcomeCollector();
        var interpreter = new BlockInterpreter(outcomes);
        var end = interpreter.Run(block, Start(pre, locals));
        return outcomes.Finish(end);
    }

    /// <summary>Runs an instruction's body alone (no prologue, fetch or epilogue) with its fields taken from <paramref name="word"/>.</summary>
    public static StepOutcome ExecuteInstruction(IsaModel model, InstructionDecl instruction, SymbolicState pre, Term word) =>
        ExecuteInstruction(model, instruction, pre, FieldValues(instruction, InstructionBits.FromWord(word)));

    /// <summary>Runs an instruction's body alone with the given field values (every field of its encoding must be bound).</summary>
    public static StepOutcome ExecuteInstruction(IsaModel model, InstructionDecl instruction, SymbolicState pre, IReadOnlyDictionary<Local, Term> fields)
    {
        foreach (var f in instruction.Encoding.Fields)
            if (!fields.TryGetValue(f.Local, out var t) || t.Sort != Sort.BitVec(f.Width))
                throw new ArgumentException($"field {f.Name} of {instruction.Name} needs a {f.Width}-bit term");
        return ExecuteBlock(instruction.Body, pre, fields);
    }

    /// <summary>The field values an instruction's body sees when its bits are <paramref name="bits"/>.</summary>
    public static IReadOnlyDictionary<Local, Term> FieldValues(InstructionDecl instruction, InstructionBits bits) =>
        instruction.Encoding.Fields.ToDictionary(f => f.Local, bits.Field);

    /// <summary>
    /// One whole step with the fetched bits constrained to decode to <paramref name="instruction"/>: prologue,
    /// fetch, body, epilogue. <see cref="InstructionStep.Decodes"/> says the bits match the instruction's pattern
    /// and none of the strictly more specific patterns that would win the decode.
    /// With <paramref name="decodedUnits"/>, the fetch still runs (its traps and effects count) but the step decodes and
    /// executes these units instead of the fetched ones: the step as it is when the fetch returns them. The VMM proofs
    /// use it for the real machine, after proving separately that its fetch returns the virtual machine's units.
    /// </summary>
    public static InstructionStep ExecuteStep(IsaModel model, InstructionDecl instruction, SymbolicState pre, ImmutableArray<Term>? decodedUnits = null)
    {
        // A fixed-width pattern of another length never matches, which would make every proof about it vacuous.
        if (model.Encoding.Kind == EncodingKind.Fixed && instruction.Encoding.Length != model.Encoding.Width)
            throw new ArgumentException($"{instruction.Name}: pattern has {instruction.Encoding.Length} bits, the encoding {model.Encoding.Width}");
        var outcomes = new OutcomeCollector();
        var interpreter = new BlockInterpreter(outcomes);
        var cursor = interpreter.Run(model.Prologue, Start(pre, null));

        var (fetched, afterFetch) = Fetch(model, instruction.Encoding.Length, interpreter, cursor);
        var bits = decodedUnits is not { } units ? fetched
            : units.Length != fetched.Units.Length || units.Zip(fetched.Units).Any(p => p.First.Sort != p.Second.Sort)
                ? throw new ArgumentException($"{instruction.Name}: {units.Length} decoded units do not match the fetch's {fetched.Units.Length}")
                : model.Encoding.Kind == EncodingKind.Fixed ? InstructionBits.FromWord(units[0]) : InstructionBits.FromBytes(units);
        var decodes = Term.And(
            model.InstructionsTakingWordsOf(instruction)
                .Select(other => Term.Not(bits.MatchesWindow(other.Encoding)))
                .Prepend(bits.Matches(instruction.Encoding)));

        var fields = FieldValues(instruction, bits);
        var inBody = afterFetch with { Locals = fields.ToImmutableDictionary() };
        var afterBody = interpreter.Run(instruction.Body, inBody);
        var end = interpreter.Run(model.Epilogue, afterBody with { Locals = ImmutableDictionary<Local, Term>.Empty });
        return new InstructionStep(instruction, bits.Units, decodes, outcomes.Finish(end));
    }

    /// <summary>
    /// The prologue and the fetch alone: the fetched units and an outcome whose completed guard says the fetch
    /// succeeded (the VMM proofs compare what the real and the virtual machine fetch).
    /// </summary>
    public static (ImmutableArray<Term> Units, StepOutcome Outcome) ExecuteFetch(IsaModel model, InstructionDecl instruction, SymbolicState pre)
    {
        var outcomes = new OutcomeCollector();
        var interpreter = new BlockInterpreter(outcomes);
        var cursor = interpreter.Run(model.Prologue, Start(pre, null));
        var (bits, afterFetch) = Fetch(model, instruction.Encoding.Length, interpreter, cursor);
        return (bits.Units, outcomes.Finish(afterFetch));
    }

    // Fixed encodings fetch one word; byte encodings fetch the instruction's bytes one offset at a time.
    private static (InstructionBits Bits, ExecutionCursor After) Fetch(IsaModel model, int lengthBits, BlockInterpreter interpreter, ExecutionCursor cursor)
    {
        var fetch = model.Encoding.Fetch;
        if (model.Encoding.Kind == EncodingKind.Fixed)
        {
            var (word, after, _) = CallValue(interpreter, fetch, [], cursor);
            return (InstructionBits.FromWord(word), after);
        }
        var offsetWidth = fetch.Parameters[0].Type.Width;
        var bytes = new List<Term>();
        for (var i = 0; i < lengthBits / 8; i++)
        {
            var (b, after, _) = CallValue(interpreter, fetch, [Term.Bv((ulong)i, offsetWidth)], cursor);
            bytes.Add(b);
            cursor = after;
        }
        return (InstructionBits.FromBytes(bytes), cursor);
    }

    private static (Term Value, ExecutionCursor After, Term Live) CallValue(BlockInterpreter interpreter, FunctionDecl function, Term[] arguments, ExecutionCursor cursor)
    {
        var frame = function.Parameters.Zip(arguments).ToImmutableDictionary(p => p.First, p => p.Second);
        var (value, state, live) = interpreter.RunFunctionBody(function, cursor with { Locals = frame });
        var after = new ExecutionCursor(live, state, cursor.Locals);
        return (value ?? throw new InvalidOperationException($"{function.Name} returned no value"), after, live);
    }

    /// <summary>The spec's supervisor-mode predicate (<see cref="Roles.Supervisor"/>) on a state.</summary>
    public static Term IsSupervisor(IsaModel model, SymbolicState state) => EvaluatePure(model.Roles.Supervisor, state);

    /// <summary>Evaluates an expression that must not trap or halt (role predicates, VM-map offsets).</summary>
    public static Term EvaluatePure(Expr expr, SymbolicState state, IReadOnlyDictionary<Local, Term>? locals = null)
    {
        var outcomes = new OutcomeCollector();
        var (value, after) = new BlockInterpreter(outcomes).Eval(expr, Start(state, locals));
        if (outcomes.EndedPaths > 0) throw new InvalidOperationException($"{expr.Span}: expression can trap or halt; a role expression must not");
        if (!ReferenceEquals(after.State, state)) throw new InvalidOperationException($"{expr.Span}: expression writes state; a role expression must not");
        return value;
    }

    /// <summary>The state after the spec's `enter user` block.</summary>
    public static SymbolicState EnterUser(IsaModel model, SymbolicState state) => RunTotal(model.Roles.EnterUser, state, null, "enter user");

    /// <summary>The state after the spec's `enter supervisor` block.</summary>
    public static SymbolicState EnterSupervisor(IsaModel model, SymbolicState state) => RunTotal(model.Roles.EnterSupervisor, state, null, "enter supervisor");

    /// <summary>
    /// The VM map f_x: runs the map's body on the resource state with its parameter bound to
    /// <paramref name="offset"/>, then moves storage so that new E[a + d] = old E[a] for d = MoveBy.
    /// A spec without a `vmmap` has no relocation: its only VM map is the identity.
    /// </summary>
    public static SymbolicState ApplyVmMap(IsaModel model, SymbolicState state, Term offset)
    {
        if (model.VmMap is not { } map) return state;
        var locals = new Dictionary<Local, Term> { [map.Offset] = offset };
        var moveBy = EvaluatePure(map.MoveBy, state, locals);
        var mapped = RunTotal(map.Body, state, locals, $"vmmap {map.Name}");
        return mapped.WithMemory(map.MovedStorage, Term.ArrayShift(mapped.Memory(map.MovedStorage), moveBy));
    }

    // Role blocks describe state changes, not executions: one that can trap or halt is a spec error.
    private static SymbolicState RunTotal(Block block, SymbolicState state, IReadOnlyDictionary<Local, Term>? locals, string what)
    {
        var outcome = ExecuteBlock(block, state, locals);
        if (!outcome.TrapGuard.IsFalse || !outcome.HaltedGuard.IsFalse)
            throw new InvalidOperationException($"{block.Span}: the {what} block can trap or halt");
        return outcome.Completed;
    }

    private static ExecutionCursor Start(SymbolicState state, IReadOnlyDictionary<Local, Term>? locals) =>
        new(Term.True, state, locals?.ToImmutableDictionary() ?? ImmutableDictionary<Local, Term>.Empty);
}
