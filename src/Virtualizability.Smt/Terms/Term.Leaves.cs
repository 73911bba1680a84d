namespace Virtualizability.Smt.Terms;

public sealed partial class Term
{
    public static readonly Term True = Intern(TermKind.BoolConst, Sort.Bool, [], value: 1);
    public static readonly Term False = Intern(TermKind.BoolConst, Sort.Bool, [], value: 0);

    public static Term Bool(bool value) => value ? True : False;

    public static Term Bv(ulong value, int width)
    {
        var sort = Sort.BitVec(width);
        if ((value & ~sort.Mask) != 0) throw new ArgumentOutOfRangeException(nameof(value), value, $"does not fit {width} bits");
        return Intern(TermKind.BvConst, sort, [], value: value);
    }

    /// <summary>A free symbol. Names starting with '%' are reserved for the SMT-LIB writer's shared definitions.</summary>
    public static Term Var(string name, Sort sort)
    {
        if (string.IsNullOrEmpty(name) || name[0] == '%' || name.Contains('|') || name.Contains('\\'))
            throw new ArgumentException($"'{name}' is not a usable symbol name", nameof(name));
        return Intern(TermKind.Var, sort, [], name: name);
    }

    public static Term BvVar(string name, int width) => Var(name, Sort.BitVec(width));
}
