namespace Virtualizability.Isa.Binding;

/// <summary>A block's local names, chained to the enclosing block's.</summary>
internal sealed class Scope(Scope? parent)
{
    private readonly Dictionary<string, Symbol> _symbols = [];

    public Scope? Parent { get; } = parent;

    public Symbol? Lookup(string name)
    {
        for (var s = this; s is not null; s = s.Parent)
            if (s._symbols.TryGetValue(name, out var symbol)) return symbol;
        return null;
    }

    public void Add(Symbol symbol) => _symbols[symbol.Name] = symbol;
}
