using System.Globalization;
using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Cli.Exec;

/// <summary>One `--set` option: REG=VALUE, FILE[i]=VALUE or REG.FIELD=VALUE (VALUE decimal, 0x hex or 0b binary).</summary>
public sealed record StateAssignment(RegisterDecl Register, int Index, RegisterField? Field, ulong Value)
{
    public static StateAssignment Parse(string text, IsaModel model)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0) throw new UsageException($"--set '{text}': expected REG=VALUE");
        var target = text[..eq].Trim();
        var value = ParseValue(text[(eq + 1)..].Trim(), text);

        string? fieldName = null;
        var dot = target.IndexOf('.');
        if (dot >= 0)
        {
            fieldName = target[(dot + 1)..];
            target = target[..dot];
        }
        var index = 0;
        var bracket = target.IndexOf('[');
        if (bracket >= 0)
        {
            if (!target.EndsWith(']')) throw new UsageException($"--set '{text}': missing ']'");
            var indexText = target[(bracket + 1)..^1];
            index = (int)ParseValue(indexText, text);
            target = target[..bracket];
        }
        var register = model.Register(target) ?? throw new UsageException($"--set '{text}': {model.Name} has no register '{target}'");
        if (bracket >= 0 && !register.IsFile) throw new UsageException($"--set '{text}': {target} is not a register file");
        if (bracket < 0 && register.IsFile) throw new UsageException($"--set '{text}': {target} is a register file; give an index, {target}[i]");
        if (index >= register.Count) throw new UsageException($"--set '{text}': index {index} is outside {target}[0..{register.Count - 1}]");
        RegisterField? field = null;
        if (fieldName is not null)
            field = register.Field(fieldName) ?? throw new UsageException($"--set '{text}': {target} has no field '{fieldName}'");
        var width = field?.Width ?? register.Width;
        if (width < 64 && value >> width != 0) throw new UsageException($"--set '{text}': 0x{value:x} does not fit in {width} bits");
        return new StateAssignment(register, index, field, value);
    }

    public void Apply(MachineState state)
    {
        if (Field is null)
        {
            state.SetRegister(Register, Index, Value);
            return;
        }
        var mask = (Field.Width == 64 ? ulong.MaxValue : (1UL << Field.Width) - 1) << Field.Low;
        var old = state.GetRegister(Register, Index);
        state.SetRegister(Register, Index, (old & ~mask) | (Value << Field.Low));
    }

    private static ulong ParseValue(string text, string whole)
    {
        var clean = text.Replace("_", "");
        bool ok;
        ulong value;
        if (clean.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            ok = ulong.TryParse(clean[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        else if (clean.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
        {
            value = 0;
            ok = clean.Length > 2 && clean.Length <= 66 && clean[2..].All(c => c is '0' or '1');
            if (ok) value = Convert.ToUInt64(clean[2..], 2);
        }
        else ok = ulong.TryParse(clean, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok) throw new UsageException($"--set '{whole}': '{text}' is not a number");
        return value;
    }
}
