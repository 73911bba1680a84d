namespace Virtualizability.Isa.Syntax;

internal static class Keywords
{
    public static readonly HashSet<string> All =
    [
        "isa", "encoding", "fixed", "bytes", "const", "memory", "register", "fields", "hardwired", "roles", "pc",
        "storage", "mode", "supervisor", "when", "enter", "user", "resource", "time", "memtrap", "vmmap", "move", "by",
        "exception", "fn", "instruction", "reset", "prologue", "epilogue", "undefined", "let", "var", "if", "then",
        "else", "match", "for", "in", "require", "trap", "halt", "return", "include", "true", "false", "bits", "bool",
        "little", "big",
    ];

    /// <summary>Keywords that can only start a top-level declaration; error recovery stops at them.</summary>
    public static readonly HashSet<string> TopLevel =
    [
        "isa", "encoding", "const", "memory", "register", "roles", "vmmap", "exception", "fn", "instruction",
        "reset", "prologue", "epilogue", "undefined", "include",
    ];
}
