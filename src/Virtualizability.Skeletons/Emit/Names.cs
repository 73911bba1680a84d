using System.Globalization;

namespace Virtualizability.Skeletons.Emit;

/// <summary>C# spellings of spec names and literals.</summary>
internal static class Names
{
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    ];

    /// <summary>The name as a C# identifier: keywords get '@', other characters become '_'.</summary>
    public static string Identifier(string name)
    {
        var chars = name.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
        var id = new string(chars);
        if (id.Length == 0 || char.IsDigit(id[0])) id = "_" + id;
        return Keywords.Contains(id) ? "@" + id : id;
    }

    /// <summary>
    /// Why <paramref name="text"/> cannot be the namespace of generated code, or null when it can: dot-separated C#
    /// identifiers (letters, digits and '_', not starting with a digit), none of them a keyword. `namespace class.Vmm;`
    /// does not compile, so `--namespace class.Vmm` is refused before anything is generated.
    /// </summary>
    public static string? NamespaceProblem(string text)
    {
        foreach (var part in text.Split('.'))
        {
            if (part.Length == 0) return "a namespace is identifiers separated by single dots, with none empty";
            if (!(char.IsLetter(part[0]) || part[0] == '_') || !part.All(c => char.IsLetterOrDigit(c) || c == '_'))
                return $"'{part}' is not a C# identifier (letters, digits and '_', not starting with a digit)";
            if (Keywords.Contains(part)) return $"'{part}' is a C# keyword";
        }
        return null;
    }

    private static readonly HashSet<string> StateMembers = ["VirtualState", "Clear", "Describe", "TrySet", "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone"];

    /// <summary>A register or memory as a member of the generated VirtualState (a name it already uses gets a '_').</summary>
    public static string Member(string name)
    {
        var id = Identifier(name);
        return StateMembers.Contains(id) || id.StartsWith("Read_", StringComparison.Ordinal) || id.StartsWith("Write_", StringComparison.Ordinal) ? id + "_" : id;
    }

    public static string Hex(ulong value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture) + "UL";

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A C# string literal.</summary>
    public static string Quote(string text)
    {
        var sb = new System.Text.StringBuilder("\"");
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }
}
