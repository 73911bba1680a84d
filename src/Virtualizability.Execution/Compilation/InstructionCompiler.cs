using System.Linq.Expressions;
using Virtualizability.Isa.Ir;
using E = System.Linq.Expressions.Expression;

namespace Virtualizability.Execution.Compilation;

/// <summary>Emits an instruction: its encoding fields extracted from the word, then its body.</summary>
internal static class InstructionCompiler
{
    /// <summary>Appends the instruction's statements; the fields become locals read from the word.</summary>
    public static void Emit(SemanticsEmitter emitter, InstructionDecl instruction, E wordLow, E wordHigh, List<E> output) =>
        emitter.EmitTopLevel(instruction.Body, output, bindings =>
        {
            foreach (var field in instruction.Encoding.Fields)
                bindings.Add(E.Assign(emitter.Bind(field.Local), Extract(field, wordLow, wordHigh)));
        });

    public static InstructionAction Compile(IsaModel model, InstructionDecl instruction, Outlining? outlining = null)
    {
        var low = E.Parameter(typeof(ulong), "wordLow");
        var high = E.Parameter(typeof(ulong), "wordHigh");
        return LambdaFactory.Compile<InstructionAction>(model, instruction.Name, [low, high],
            (emitter, body, _) => Emit(emitter, instruction, low, high, body), outlining);
    }

    /// <summary>Bits [Offset, Offset + Width) of the 128-bit word held as two halves; little-endian fields are byte-swapped.</summary>
    public static E Extract(EncodingField field, E wordLow, E wordHigh)
    {
        var (offset, width) = (field.Offset, field.Width);
        E raw;
        if (offset + width <= 64) raw = offset == 0 ? wordLow : E.RightShift(wordLow, E.Constant(offset));
        else if (offset >= 64) raw = offset == 64 ? wordHigh : E.RightShift(wordHigh, E.Constant(offset - 64));
        else raw = E.Or(E.RightShift(wordLow, E.Constant(offset)), E.LeftShift(wordHigh, E.Constant(64 - offset)));
        raw = SemanticsEmitter.Mask(raw, width);
        return field.LittleEndian
            ? E.Call(typeof(BitOps).GetMethod(nameof(BitOps.SwapBytes))!, raw, E.Constant(width))
            : raw;
    }
}
