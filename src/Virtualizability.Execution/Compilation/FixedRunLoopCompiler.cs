using System.Linq.Expressions;
using Virtualizability.Execution.Decoding;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;
using E = System.Linq.Expressions.Expression;

namespace Virtualizability.Execution.Compilation;

/// <summary>
/// Compiles the whole step loop of a fixed-width ISA into one method: prologue, fetch, the decode tree as
/// nested switches with every instruction body inlined in its case, the undefined block, and the epilogue.
/// A step costs no delegate call and no allocation; a trap or halt leaves the loop through the exit label.
/// </summary>
internal static class FixedRunLoopCompiler
{
    /// <param name="body">The separately compiled body of an instruction, for bodies too large to inline.</param>
    public static RunLoop Compile(IsaModel model, DecodeNode decodeTree, Outlining? outlining = null, Func<InstructionDecl, InstructionAction>? body = null)
    {
        var maxSteps = E.Parameter(typeof(long), "maxSteps");
        var called = outlining is null || body is null ? [] : CalledBodies(model, outlining, body);
        return LambdaFactory.Compile<RunLoop>(model, model.Name + "_run", [maxSteps], (emitter, body, exit) =>
        {
            var frame = emitter.Frame;
            var steps = emitter.NewTemp(typeof(long), "steps");
            var word = emitter.NewTemp(typeof(ulong), "word");
            // Both live in locals during the run and reach the frame on the way out (every trap, halt or stop leaves
            // through the lambda's exit), which keeps two stores out of every step.
            var instructionIndex = emitter.NewTemp(typeof(int), "instruction");
            emitter.AtExit.Add(E.Assign(E.Field(frame, nameof(ExecutionFrame.StepsExecuted)), steps));
            emitter.AtExit.Add(E.Assign(E.Field(frame, nameof(ExecutionFrame.InstructionIndex)), instructionIndex));
            var loop = E.Label("next_step");
            var stepEnd = E.Label("step_end");
            var loopExit = E.Label("loop_exit");

            body.Add(E.Assign(steps, E.Constant(0L)));
            body.Add(E.Assign(instructionIndex, E.Constant(-1)));
            body.Add(E.Label(loop));
            body.Add(E.IfThen(E.GreaterThanOrEqual(steps, maxSteps), E.Goto(loopExit)));
            body.Add(E.IfThen(E.Field(frame, nameof(ExecutionFrame.StopRequested)), E.Goto(loopExit)));
            body.Add(E.PreIncrementAssign(steps));
            // A trap of the prologue or the fetch reports no instruction; the store is on those exits only, and
            // each decoded instruction stores its own index, so a step costs one store of it.
            emitter.ExitPrefix = E.Assign(instructionIndex, E.Constant(-1));
            emitter.EmitTopLevel(model.Prologue, body);
            var fetch = new CallExpr(model.Encoding.Fetch, [], SourceSpan.None);
            body.Add(E.Assign(word, emitter.EmitTopLevelValue(fetch, body)));
            emitter.ExitPrefix = null;
            body.Add(EmitNode(emitter, decodeTree, word, stepEnd, instructionIndex, called, known: 0));
            body.Add(E.Assign(instructionIndex, E.Constant(-1)));
            emitter.EmitTopLevel(model.Undefined, body);
            body.Add(E.Label(stepEnd));
            emitter.EmitTopLevel(model.Epilogue, body);
            body.Add(E.Goto(loop));
            body.Add(E.Label(loopExit));
            body.Add(exit(ExecutionFrame.StatusContinue));
        }, outlining);
    }

    /// <summary>
    /// The instructions whose bodies the loop calls instead of inlining: the large ones, and the rest of the smaller
    /// ones once the inlined sizes reach the budget (the loop method must stay under the JIT's optimization limits).
    /// </summary>
    private static Dictionary<InstructionDecl, InstructionAction> CalledBodies(IsaModel model, Outlining outlining, Func<InstructionDecl, InstructionAction> body)
    {
        var called = new Dictionary<InstructionDecl, InstructionAction>(ReferenceEqualityComparer.Instance);
        var total = outlining.Size(model.Prologue) + outlining.Size(model.Epilogue) + outlining.Size(model.Undefined)
                    + outlining.InlinedSize(model.Encoding.Fetch);
        foreach (var (instruction, size) in model.Instructions.Select(i => (i, outlining.Size(i.Body) + i.Encoding.Fields.Length)).OrderBy(p => p.Item2))
        {
            if (size <= Outlining.InstructionLimit && total + size <= Outlining.InstructionBudget) total += size;
            else called[instruction] = body(instruction);
        }
        return called;
    }

    private static E EmitNode(SemanticsEmitter emitter, DecodeNode node, ParameterExpression word, LabelTarget stepEnd, ParameterExpression instructionIndex,
        Dictionary<InstructionDecl, InstructionAction> called, ulong known)
    {
        if (node is DecodeSwitch table)
        {
            var key = E.Convert(E.And(E.RightShift(word, E.Constant(table.Shift)), E.Constant((1UL << table.Bits) - 1)), typeof(int));
            var cases = table.Children
                .OrderBy(c => c.Key)
                .Select(c => E.SwitchCase(E.Block(typeof(void), EmitNode(emitter, c.Value, word, stepEnd, instructionIndex, called, known | (((1UL << table.Bits) - 1) << table.Shift))), E.Constant(c.Key)))
                .ToArray();
            // No default: a key without a child falls through to the undefined block.
            return E.Switch(typeof(void), key, null, null, cases);
        }
        var tests = new List<E>();
        foreach (var candidate in ((DecodeLeaf)node).Candidates)
        {
            var matched = new List<E> { E.Assign(instructionIndex, E.Constant(candidate.Index)) };
            emitter.BeginRegion();
            if (called.TryGetValue(candidate, out var action)) emitter.EmitCall(action, word, matched);
            else InstructionCompiler.Emit(emitter, candidate, word, E.Constant(0UL), matched);
            emitter.EndRegion();
            matched.Add(E.Goto(stepEnd));
            // The enclosing tables have matched the bits in `known` already (every candidate fixes them to its key).
            var pattern = candidate.Encoding;
            var mask = (ulong)pattern.Mask & ~known;
            var test = mask == 0 ? null
                : mask == ulong.MaxValue >> (64 - Math.Min(64, pattern.Length))
                    ? E.Equal(word, E.Constant((ulong)pattern.Value))
                    : E.Equal(E.And(word, E.Constant(mask)), E.Constant((ulong)pattern.Value & mask));
            tests.Add(test is null ? E.Block(typeof(void), matched) : E.IfThen(test, E.Block(typeof(void), matched)));
            if (test is null) break; // the remaining candidates are unreachable
        }
        return SemanticsEmitter.Sequence(tests);
    }
}
