using Virtualizability.Isa.Ir;
using Virtualizability.Skeletons.Emit;

namespace Virtualizability.Skeletons.Files;

/// <summary>Cpu/VirtualState.cs: the spec's registers as fields, its memories, and the GuestException enum.</summary>
internal static class StateFile
{
    public static GeneratedFile State(IsaModel model, string ns)
    {
        var w = CodeWriter.File(ns);
        w.Summary($"The full state of one virtual {model.Name} CPU: every register of the spec (virtual mode and virtual resources\nincluded) and its memories. The VMM copies the directly executed registers between here and the real machine.");
        w.Open("public sealed class VirtualState");
        var parameters = string.Join(", ", model.Memories.Select(m => $"IGuestMemory memory_{m.Name}"));
        w.Open($"public VirtualState({parameters})");
        foreach (var memory in model.Memories) w.Line($"{Names.Member(memory.Name)} = memory_{memory.Name};");
        w.Line("Clear();");
        w.Close();
        w.Line();
        foreach (var register in model.Registers)
        {
            var name = Names.Member(register.Name);
            w.Line($"// {Describe(model, register)}");
            w.Line(register.IsFile ? $"public readonly ulong[] {name} = new ulong[{register.Count}];" : $"public ulong {name};");
            w.Line();
        }
        foreach (var memory in model.Memories)
        {
            var role = memory == model.Roles.Storage ? " (storage E: guest-physical memory)" : "";
            w.Line($"// memory {memory.Name} : bits({memory.AddressWidth}) -> bits({memory.CellWidth}), {memory.Endianness.ToString().ToLowerInvariant()}{role}");
            w.Line($"public IGuestMemory {Names.Member(memory.Name)} {{ get; }}");
            w.Line();
        }
        WriteClear(w, model);
        foreach (var register in model.Registers.Where(r => r.IsFile)) WriteAccessors(w, register);
        WriteDescribe(w, model);
        WriteTrySet(w, model);
        w.Close();
        return new GeneratedFile("Cpu/VirtualState.cs", w.ToString());
    }

    public static GeneratedFile Exceptions(IsaModel model, string ns)
    {
        var w = CodeWriter.File(ns);
        w.Summary($"The exceptions of {model.Name} (numbered as in the spec).");
        w.Open("public enum GuestException");
        foreach (var exception in model.Exceptions.OrderBy(e => e.Index))
        {
            var memtrap = model.Roles.MemoryTraps.Contains(exception) ? " (memory trap)" : "";
            w.Line($"/// <summary>{exception.Name}({string.Join(", ", exception.Parameters.Select(p => $"{p.Name} : {p.Type}"))}){memtrap}</summary>");
            w.Line($"{Names.Identifier(exception.Name)} = {exception.Index},");
        }
        w.Close();
        return new GeneratedFile("Cpu/GuestException.cs", w.ToString());
    }

    private static string Describe(IsaModel model, RegisterDecl register)
    {
        var roles = new List<string>();
        if (register == model.Roles.ProgramCounter) roles.Add("program counter");
        if (model.Roles.ModeState.Any(r => r.Register == register)) roles.Add("mode: " + string.Join(", ", model.Roles.ModeState.Where(r => r.Register == register)));
        if (model.Roles.Resources.Any(r => r.Register == register)) roles.Add("resource: " + string.Join(", ", model.Roles.Resources.Where(r => r.Register == register)));
        if (model.Roles.Time.Any(r => r.Register == register)) roles.Add("time");
        var shape = register.IsFile ? $"{register.Name}[{register.Count}] : bits({register.Width})" : $"{register.Name} : bits({register.Width})";
        var fields = register.Fields.IsEmpty ? "" : " fields " + string.Join(", ", register.Fields.Select(f => f.High == f.Low ? $"{f.Name}={f.High}" : $"{f.Name}={f.High}..{f.Low}"));
        return shape + fields + (roles.Count > 0 ? " — " + string.Join("; ", roles) : "");
    }

    // A register's field from inside VirtualState's own methods, whose parameters and locals (name, index, value, parts,
    // i) are names a spec may give its registers: unqualified, `name = value` in TrySet assigned the parameter.
    private static string This(RegisterDecl register) => "this." + Names.Member(register.Name);

    private static void WriteClear(CodeWriter w, IsaModel model)
    {
        w.Summary("Every register to zero, hardwired entries to their constants (before the spec's reset block).");
        w.Open("public void Clear()");
        foreach (var register in model.Registers)
        {
            var name = This(register);
            if (!register.IsFile)
            {
                w.Line($"{name} = 0;");
                continue;
            }
            w.Line($"global::System.Array.Clear({name});");
            foreach (var hardwired in register.Hardwired) w.Line($"{name}[{hardwired.Index}] = {Names.Hex(hardwired.Value)};");
        }
        w.Close();
        w.Line();
    }

    private static void WriteAccessors(CodeWriter w, RegisterDecl register)
    {
        var name = This(register);
        var plain = Names.Member(register.Name).TrimStart('@');
        w.Line($"/// <summary>{register.Name}[index]; an index out of range reads 0.</summary>");
        w.Line($"public ulong Read_{plain}(ulong index) => index < {register.Count} ? {name}[index] : 0;");
        w.Line();
        var writable = $"index < {register.Count}" + string.Concat(register.Hardwired.Select(h => $" && index != {h.Index}"));
        var hardwired = register.Hardwired.IsEmpty ? "" : " and hardwired entries";
        w.Line($"/// <summary>{register.Name}[index] := value; writes out of range{hardwired} are ignored.</summary>");
        w.Open($"public void Write_{plain}(ulong index, ulong value)");
        w.Line($"if ({writable}) {name}[index] = value;");
        w.Close();
        w.Line();
    }

    private static void WriteDescribe(CodeWriter w, IsaModel model)
    {
        w.Summary("Every register as NAME=0xVALUE, in the spec's order (what `pgcheck run` prints when a program-image guest halts).");
        w.Open("public string Describe()");
        w.Line("var parts = new List<string>();");
        foreach (var register in model.Registers)
        {
            var name = This(register);
            if (register.IsFile)
                w.Line($"for (var i = 0; i < {name}.Length; i++) parts.Add($\"{register.Name}[{{i}}]=0x{{{name}[i]:x}}\");");
            else
                w.Line($"parts.Add($\"{register.Name}=0x{{{name}:x}}\");");
        }
        w.Line("return string.Join(\" \", parts);");
        w.Close();
    }

    private static void WriteTrySet(CodeWriter w, IsaModel model)
    {
        w.Summary("Sets a register by its spec name (a register file's entry by index; hardwired entries stay), cut to the register's width: Program.cs's `--set`. False for a name the spec does not have or an index outside the file.");
        w.Open("public bool TrySet(string name, int index, ulong value)");
        w.Open("switch (name)");
        foreach (var register in model.Registers)
        {
            var name = This(register);
            var mask = Names.Hex(register.Width >= 64 ? ulong.MaxValue : (1UL << register.Width) - 1);
            if (register.IsFile)
                w.Line($"case {Names.Quote(register.Name)} when index >= 0 && index < {register.Count}: Write_{Names.Member(register.Name).TrimStart('@')}((ulong)index, value & {mask}); return true;");
            else
                w.Line($"case {Names.Quote(register.Name)} when index < 0: {name} = value & {mask}; return true;");
        }
        w.Line("default: return false;");
        w.Close();
        w.Close();
    }
}
