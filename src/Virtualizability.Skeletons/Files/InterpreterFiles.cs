using Virtualizability.Analysis;
using Virtualizability.Isa.Ir;
using Virtualizability.Skeletons.Emit;
using Virtualizability.Skeletons.Policies;

namespace Virtualizability.Skeletons.Files;

/// <summary>
/// Interpreters/: one routine per instruction, generated from its IR. The privileged ones (the checker's verdict) are
/// Popek and Goldberg's interpreter routines proper and sit in Privileged/; the rest are needed too, because guest
/// code in virtual supervisor mode that traps on the real machine is interpreted whatever the instruction.
/// </summary>
internal sealed class InterpreterFiles(IsaModel model, string ns, SemanticsContext context, SourceText source, DefinitionReport classification, AllocatorPolicy policy)
{
    public IEnumerable<GeneratedFile> All()
    {
        var rows = classification.Instructions.ToDictionary(r => r.Instruction);
        foreach (var instruction in model.Instructions)
        {
            var row = rows.GetValueOrDefault(instruction);
            var privileged = row?.Privileged.IsYes ?? false;
            var folder = privileged ? "Privileged" : "Unprivileged";
            yield return new GeneratedFile($"Interpreters/{folder}/{InstructionFiles.Stem(model, instruction)}.cs", Routine(instruction, row));
        }
    }

    private string Routine(InstructionDecl instruction, InstructionResult? row)
    {
        var w = CodeWriter.File(ns);
        w.Open("public sealed partial class VirtualCpu");
        w.Comment($"instruction {instruction.Name} \"{instruction.Encoding.Text}\"" + (instruction.Description is { } d ? $" \"{d}\"" : ""));
        w.Comment(source.Of(instruction.Span));
        w.Line("//");
        w.Comment(Classification(row));
        w.Line("//");
        w.Comment(Obligations(instruction, row));
        var word = model.Encoding.Kind == EncodingKind.Fixed ? "ulong" : "UInt128";
        var writer = new SemanticsWriter(context, w, [instruction.Body], ["word"]);
        w.Open($"private void {DecoderFile.Routine(instruction)}({word} word)");
        foreach (var field in instruction.Encoding.Fields)
        {
            var name = writer.Bind(field.Local);
            var raw = word == "ulong"
                ? $"(word >> {field.Offset}) & {Names.Hex(Mask(field.Width))}"
                : $"(ulong)(word >> {field.Offset}) & {Names.Hex(Mask(field.Width))}";
            if (field.Offset == 0 && word == "ulong") raw = $"word & {Names.Hex(Mask(field.Width))}";
            w.Line(field.LittleEndian
                ? $"ulong {name} = Bits.SwapBytes({raw}, {field.Width}); // {field.Name}:{field.Width}le"
                : $"ulong {name} = {raw}; // {field.Name}:{field.Width}");
        }
        writer.Block(instruction.Body);
        w.Close();
        w.Close();
        return w.ToString();
    }

    private static ulong Mask(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;

    private string Classification(InstructionResult? row)
    {
        if (row is null) return "The checker did not classify this instruction.";
        var definition = classification.Definition.Name();
        string Yes(Answer a) => a.IsYes ? "yes" : a.IsNo ? "no" : "unknown";
        return $"Checker ({definition}): privileged {Yes(row.Privileged)}, sensitive (control {Yes(row.ControlSensitive)}, mode {Yes(row.ModeSensitive)}, " +
               $"location {Yes(row.LocationSensitive)}), innocuous {Yes(row.Innocuous)}.\n" +
               (row.Privileged.IsYes
                   ? "Privileged: in virtual supervisor mode the real machine traps on it and the dispatcher runs this routine on the virtual state."
                   : row.Innocuous.IsYes
                       ? "Innocuous: it runs directly on the real machine; this routine runs only when guest code in virtual supervisor mode\ntraps on the real machine, or the allocator sends a memory trap here."
                       : "Not privileged and not innocuous: this routine runs when the real machine traps on it in virtual supervisor mode.") +
               (row.Violation.IsYes ? "\nViolates Theorem 1 (sensitive, not privileged): the hybrid VMM interprets all virtual supervisor code, so it never runs directly there." : "");
    }

    private string Obligations(InstructionDecl instruction, InstructionResult? row)
    {
        var stem = InstructionFiles.Stem(model, instruction);
        var names = new List<string> { $"{stem}.equivalence.smt2" };
        // `pgcheck prove` states efficiency for innocuous instructions; a privileged one (vacuously innocuous per state) traps.
        if (row is { Innocuous.IsYes: true, Privileged.IsYes: false }) names.Add($"{stem}.efficiency.smt2");
        names.Add($"{stem}.resource-control.smt2");
        var where = policy.Proved
            ? "Proof obligations (`pgcheck prove SPEC --out DIR` writes them; unsat = proved):"
            : "Proof obligations, as `pgcheck prove` names them (it has no proof model of this skeleton's allocator for this spec yet):";
        return where + "\n" + string.Join("\n", names.Select(n => "  " + n));
    }
}
