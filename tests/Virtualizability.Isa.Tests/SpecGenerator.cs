using System.Text;

namespace Virtualizability.Isa.Tests;

/// <summary>
/// Writes random small specs that are valid by construction: registers and files of random widths, fields,
/// constants, helper functions, exceptions and instructions whose encodings start with distinct opcodes, with
/// bodies built from every statement form (let/var, if/else, match, for, require, field and memory writes).
/// A seed fully determines the spec, so FsCheck can replay failures.
/// </summary>
internal sealed class SpecGenerator
{
    private readonly Random _rng;
    private readonly StringBuilder _sb = new();
    private readonly List<(string Name, int Width)> _scalars = [];
    private readonly List<(string Name, int Width, int Count)> _files = [];
    private readonly List<(string Name, int Width, string Field, int FieldWidth)> _fields = [];
    private readonly List<(string Name, int Width)> _constants = [];
    private readonly List<(string Name, int Width)> _functions = [];
    private readonly List<(string Name, int Width)> _exceptions = [];
    private List<(string Name, int Width, bool Mutable)> _locals = [];
    private int _addressWidth;
    private int _localCounter;

    private SpecGenerator(int seed) => _rng = new Random(seed);

    public static string Generate(int seed) => new SpecGenerator(seed).Build();

    private static readonly int[] Widths = [1, 4, 8, 16, 32, 64];

    private int Width() => Widths[_rng.Next(Widths.Length)];

    private bool Chance(int percent) => _rng.Next(100) < percent;

    private string Build()
    {
        var encodingWidth = new[] { 16, 32 }[_rng.Next(2)];
        _addressWidth = new[] { 16, 32 }[_rng.Next(2)];
        _sb.Append("isa gen \"generated \\\"spec\\\"\";\n");
        _sb.Append($"encoding fixed {encodingWidth};\n");
        _sb.Append($"const WIDTH = {encodingWidth / 8};\n");
        _sb.Append($"memory E : bits({_addressWidth}) -> bits(8), {(Chance(50) ? "big" : "little")};\n");
        _sb.Append($"register P : bits({_addressWidth});\nregister M : bits(1);\n");
        _scalars.Add(("P", _addressWidth));
        _scalars.Add(("M", 1));
        for (var i = 0; i < _rng.Next(1, 5); i++)
        {
            var w = Width();
            if (Chance(40))
            {
                var count = _rng.Next(1, 9);
                var hard = Chance(50) ? $" hardwired {{ [0] = {_rng.Next(2)} }}" : "";
                _sb.Append($"register F{i}[{count}] : bits({w}){hard};\n");
                _files.Add(($"F{i}", w, count));
            }
            else if (w >= 8 && Chance(50))
            {
                _sb.Append($"register R{i} : bits({w}) fields {{ LO : 3 .. 0, TOP : {w - 1} }};\n");
                _scalars.Add(($"R{i}", w));
                _fields.Add(($"R{i}", w, "LO", 4));
                _fields.Add(($"R{i}", w, "TOP", 1));
            }
            else
            {
                _sb.Append($"register R{i} : bits({w});\n");
                _scalars.Add(($"R{i}", w));
            }
        }
        for (var i = 0; i < _rng.Next(0, 3); i++)
        {
            var w = Width();
            _sb.Append($"const K{i} : bits({w}) = {Literal(w)};\n");
            _constants.Add(($"K{i}", w));
        }
        _sb.Append("roles {\n  pc P;\n  storage E;\n  mode M;\n  supervisor when M == 0;\n");
        _sb.Append("  enter user { M := 1; }\n  enter supervisor { M := 0; }\n");
        if (_scalars.Count > 2) _sb.Append($"  resource {_scalars[2].Name};\n");
        _sb.Append("}\n");
        _sb.Append($"vmmap shift(d : bits({_addressWidth})) {{\n  P := P + d;\n  move E by d;\n}}\n");

        for (var i = 0; i < _rng.Next(1, 3); i++)
        {
            var w = Width();
            var name = $"Ex{i}";
            _locals = [("a", w, false)];
            _sb.Append($"exception {name}(a : bits({w})) {{\n");
            Statements(2, 1, inFunction: false);
            _sb.Append("}\n");
            _exceptions.Add((name, w));
        }
        for (var i = 0; i < _rng.Next(0, 3); i++)
        {
            var w = Width();
            _locals = [("x", w, false)];
            _sb.Append($"fn h{i}(x : bits({w})) : bits({w})");
            if (Chance(50)) _sb.Append($" = {Expr(w, 2)};\n");
            else
            {
                _sb.Append(" {\n");
                Statements(2, 1, inFunction: false);
                _sb.Append($"  return {Expr(w, 2)};\n}}\n");
            }
            _functions.Add(($"h{i}", w));
        }
        _locals = [];
        _sb.Append(encodingWidth == 8 ? "fn fetch() : bits(8) = E[P];\n" : $"fn fetch() : bits({encodingWidth}) = E[P, WIDTH];\n");
        _sb.Append($"prologue {{\n");
        Statements(1, 1, inFunction: false);
        _sb.Append("}\n");
        _sb.Append($"epilogue {{ P := P + WIDTH; }}\n");
        if (_exceptions.Count > 0) _sb.Append($"undefined {{ trap {_exceptions[0].Name}({Literal(_exceptions[0].Width)}); }}\n");

        var instructions = _rng.Next(1, 12);
        for (var i = 0; i < instructions; i++)
        {
            // A 5-bit opcode per instruction keeps patterns disjoint; the rest mixes fields, fixed and free bits.
            var pattern = new StringBuilder(Convert.ToString(i, 2).PadLeft(5, '0'));
            var remaining = encodingWidth - 5;
            var fields = new List<(string, int, bool)>();
            var f = 0;
            while (remaining > 0)
            {
                var take = Math.Min(remaining, _rng.Next(1, 9));
                switch (_rng.Next(3))
                {
                    case 0:
                        pattern.Append($" f{f}:{take}");
                        fields.Add(($"f{f}", take, false));
                        f++;
                        break;
                    case 1: pattern.Append(' ').Append(new string('x', take)); break;
                    default: pattern.Append(' ').Append(Convert.ToString(_rng.Next(1 << take), 2).PadLeft(take, '0')); break;
                }
                remaining -= take;
            }
            _locals = fields;
            _sb.Append($"instruction I{i} \"{pattern}\"{(Chance(50) ? $" \"does {i}\"" : "")} {{\n");
            Statements(3, 1, inFunction: false);
            _sb.Append("}\n");
        }
        return _sb.ToString();
    }

    private string Literal(int width)
    {
        var max = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        var v = (ulong)_rng.NextInt64() & max;
        return Chance(30) ? "0x" + v.ToString("X") : Chance(50) ? (v % 10).ToString() : v.ToString();
    }

    private void Line(int indent, string text) => _sb.Append(' ', 2 * indent).Append(text).Append('\n');

    private void Statements(int count, int indent, bool inFunction)
    {
        var saved = _locals.ToList();
        for (var i = 0; i < count; i++) Statement(indent, depth: 2);
        _locals = saved;
    }

    private string NewLocal() => $"v{_localCounter++}";

    private void Statement(int indent, int depth)
    {
        switch (_rng.Next(depth > 0 ? 11 : 5))
        {
            case 0:
            {
                var (name, w) = _scalars[_rng.Next(_scalars.Count)];
                Line(indent, $"{name} := {Expr(w, 3)};");
                break;
            }
            case 1:
            {
                var w = Width();
                var name = NewLocal();
                var isVar = Chance(50);
                Line(indent, $"{(isVar ? "var" : "let")} {name} : bits({w}) = {Expr(w, 3)};");
                _locals.Add((name, w, isVar));
                if (isVar) Line(indent, $"{name} := {Expr(w, 2)};");
                break;
            }
            case 2 when _files.Count > 0:
            {
                var (name, w, count) = _files[_rng.Next(_files.Count)];
                var index = Chance(50) ? _rng.Next(count).ToString() : Primary(Width(), 1);
                Line(indent, $"{name}[{index}] := {Expr(w, 3)};");
                break;
            }
            case 3 when _fields.Count > 0:
            {
                var (name, _, field, fw) = _fields[_rng.Next(_fields.Count)];
                Line(indent, $"{name}.{field} := {Expr(fw, 2)};");
                break;
            }
            case 4:
            {
                var cells = new[] { 1, 2, 4, 8 }[_rng.Next(4)];
                Line(indent, $"E[{Expr(_addressWidth, 2)}{(cells == 1 ? "" : $", {cells}")}] := {Expr(8 * cells, 2)};");
                break;
            }
            case 5:
                Line(indent, $"if {Bool(2)} {{");
                Nested(indent, depth);
                if (Chance(50))
                {
                    Line(indent, "} else {");
                    Nested(indent, depth);
                }
                Line(indent, "}");
                break;
            case 6 when _files.Count > 0:
            {
                var (name, w, count) = _files[_rng.Next(_files.Count)];
                var v = NewLocal();
                Line(indent, $"for {v} in 0 .. {count - 1} {{");
                Line(indent + 1, $"{name}[{v}] := {name}[{v}] + {Expr(w, 1)};");
                Line(indent, "}");
                break;
            }
            case 7:
            {
                var w = Math.Max(4, Width());
                Line(indent, $"match {Primary(w, 1)} {{");
                Line(indent + 1, $"{_rng.Next(16)} | {_rng.Next(16)} => {{");
                Nested(indent + 1, depth);
                Line(indent + 1, "}");
                Line(indent + 1, "_ => halt;");
                Line(indent, "}");
                break;
            }
            case 8 when _exceptions.Count > 0:
            {
                var (name, w) = _exceptions[_rng.Next(_exceptions.Count)];
                Line(indent, $"require {Bool(2)} else trap {name}({Expr(w, 1)});");
                break;
            }
            case 9:
                Line(indent, $"{{ let {NewLocal()} : bool = {Bool(1)}; }}");
                break;
            default:
            {
                var (name, w) = _scalars[_rng.Next(_scalars.Count)];
                Line(indent, $"{name} := {Expr(w, 2)};");
                break;
            }
        }
    }

    private void Nested(int indent, int depth)
    {
        var saved = _locals.ToList();
        for (var i = 0; i < _rng.Next(1, 3); i++) Statement(indent + 1, depth - 1);
        _locals = saved;
    }

    private string Bool(int depth)
    {
        switch (_rng.Next(depth > 0 ? 6 : 2))
        {
            case 0: return Chance(50) ? "true" : "false";
            case 1:
            {
                var w = Width();
                var op = new[] { "==", "!=", "<", "<=", ">", ">=" }[_rng.Next(6)];
                return $"{Primary(w, 1)} {op} {Expr(w, 1)}";
            }
            case 2: return $"({Bool(depth - 1)} && {Bool(depth - 1)})";
            case 3: return $"({Bool(depth - 1)} || {Bool(depth - 1)})";
            case 4: return $"!({Bool(depth - 1)})";
            default:
            {
                var w = Width();
                return $"{new[] { "slt", "sle", "sgt", "sge" }[_rng.Next(4)]}({Expr(w, 1)}, {Expr(w, 1)})";
            }
        }
    }

    /// <summary>An expression of type bits(width).</summary>
    private string Expr(int width, int depth)
    {
        var choice = _rng.Next(depth > 0 ? 14 : 4);
        switch (choice)
        {
            case 0: return Literal(width);
            case 1:
            {
                var matches = _scalars.Where(s => s.Width == width).ToList();
                return matches.Count > 0 ? matches[_rng.Next(matches.Count)].Name : Literal(width);
            }
            case 2:
            {
                var matches = _locals.Where(s => s.Width == width).ToList();
                return matches.Count > 0 ? matches[_rng.Next(matches.Count)].Name : Literal(width);
            }
            case 3:
            {
                var matches = _constants.Where(s => s.Width == width).ToList();
                return matches.Count > 0 ? matches[_rng.Next(matches.Count)].Name : Literal(width);
            }
            case 4:
            {
                var op = new[] { "+", "-", "&", "|", "^", "*" }[_rng.Next(6)];
                return $"({Primary(width, depth - 1)} {op} {Expr(width, depth - 1)})";
            }
            case 5: return $"({Primary(width, depth - 1)} {new[] { "<<", ">>", ">>>" }[_rng.Next(3)]} {Primary(Width(), depth - 1)})";
            case 6: return $"{(Chance(50) ? "~" : "-")}({Primary(width, depth - 1)})";
            case 7:
            {
                var wider = Widths.Where(w => w >= width).ToArray()[_rng.Next(Widths.Count(w => w >= width))];
                var low = _rng.Next(wider - width + 1);
                return $"{Primary(wider, depth - 1)}[{low + width - 1}..{low}]";
            }
            case 8 when width > 1:
            {
                var narrower = Widths.Where(w => w <= width).ToArray()[_rng.Next(Widths.Count(w => w <= width))];
                return $"{(Chance(50) ? "zext" : "sext")}({Primary(narrower, depth - 1)}, {width})";
            }
            case 9 when width > 1:
            {
                var high = _rng.Next(1, width);
                return $"({Primary(high, depth - 1)} ++ {Primary(width - high, depth - 1)})";
            }
            case 10: return $"(if {Bool(depth - 1)} then {Primary(width, depth - 1)} else {Expr(width, depth - 1)})";
            case 11:
            {
                var matches = _functions.Where(f => f.Width == width).ToList();
                return matches.Count > 0 ? $"{matches[_rng.Next(matches.Count)].Name}({Expr(width, depth - 1)})" : Literal(width);
            }
            case 12:
            {
                var matches = _files.Where(f => f.Width == width).ToList();
                if (matches.Count == 0) return Literal(width);
                var (name, _, count) = matches[_rng.Next(matches.Count)];
                return $"{name}[{_rng.Next(count)}]";
            }
            default:
            {
                if (width is 8 or 16 or 32 or 64) return $"E[{Expr(_addressWidth, depth - 1)}{(width == 8 ? "" : $", {width / 8}")}]";
                if (width == 1) return $"bit({Bool(depth - 1)})";
                return $"{new[] { "udiv", "urem", "sdiv", "srem" }[_rng.Next(4)]}({Primary(width, depth - 1)}, {Expr(width, depth - 1)})";
            }
        }
    }

    /// <summary>An expression whose width is known without context (never a bare integer).</summary>
    private string Primary(int width, int depth) =>
        depth > 0 && Chance(40) ? $"({Typed(width)} + {Expr(width, depth - 1)})" : Typed(width);

    private string Typed(int width)
    {
        var sources = _scalars.Where(s => s.Width == width).Select(s => s.Name)
            .Concat(_locals.Where(l => l.Width == width).Select(l => l.Name))
            .Concat(_constants.Where(c => c.Width == width).Select(c => c.Name))
            .Concat(_files.Where(f => f.Width == width).Select(f => $"{f.Name}[{_rng.Next(f.Count)}]"))
            .ToList();
        if (sources.Count > 0) return sources[_rng.Next(sources.Count)];
        return width == 1 ? "M" : $"zext(M, {width})";
    }
}
