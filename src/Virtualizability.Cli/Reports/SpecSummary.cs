using System.Globalization;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Cli.Reports;

/// <summary>
/// What `pgcheck info` reports about a spec, as plain data: the JSON output serializes exactly this,
/// and the text output renders it as tables.
/// </summary>
public sealed record SpecSummary(
    string Isa,
    string Title,
    string File,
    EncodingSummary Encoding,
    IReadOnlyList<RegisterSummary> Registers,
    IReadOnlyList<MemorySummary> Memories,
    RolesSummary Roles,
    IReadOnlyList<ExceptionSummary> Exceptions,
    IReadOnlyList<InstructionSummary> Instructions)
{
    public static SpecSummary From(IsaModel model) => new(
        model.Name,
        model.Title,
        model.SourceFile,
        new EncodingSummary(model.Encoding.Kind == EncodingKind.Fixed ? "fixed" : "bytes", model.Encoding.Width, model.Encoding.MaxLength),
        model.Registers.Select(r => new RegisterSummary(
            r.Name, r.Width, r.IsFile ? r.Count : null, r.Slot,
            r.Fields.Select(f => new FieldSummary(f.Name, f.High, f.Low)).ToList(),
            r.Hardwired.Select(h => new HardwiredSummary(h.Index, Hex(h.Value))).ToList(),
            r.Span.Line, DeclaringFile.Of(model, r.Span.File))).ToList(),
        model.Memories.Select(m => new MemorySummary(m.Name, m.AddressWidth, m.CellWidth, m.Endianness == Endianness.Big ? "big" : "little", m.Span.Line, DeclaringFile.Of(model, m.Span.File))).ToList(),
        new RolesSummary(
            model.Roles.ProgramCounter.Name,
            model.Roles.Storage.Name,
            model.Roles.ModeState.Select(s => s.ToString()).ToList(),
            model.Roles.Resources.Select(s => s.ToString()).ToList(),
            model.Roles.Time.Select(s => s.ToString()).ToList(),
            model.VmMap?.Name),
        model.Exceptions.Select(e => new ExceptionSummary(e.Name, e.Parameters.Select(p => $"{p.Name}: {p.Type}").ToList(), e.Span.Line, DeclaringFile.Of(model, e.Span.File))).ToList(),
        model.Instructions.Select(i => new InstructionSummary(
            i.Name,
            i.Description,
            i.Encoding.Text,
            i.Encoding.Length,
            Hex(i.Encoding.Mask),
            Hex(i.Encoding.Value),
            i.Encoding.Fields.Select(f => new EncodingFieldSummary(f.Name, f.Offset + f.Width - 1, f.Offset, f.LittleEndian)).ToList(),
            i.Span.Line, DeclaringFile.Of(model, i.Span.File))).ToList());

    private static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
    private static string Hex(UInt128 value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}

public sealed record EncodingSummary(string Kind, int Width, int MaxLength);
public sealed record RegisterSummary(string Name, int Width, int? Count, int Slot, IReadOnlyList<FieldSummary> Fields, IReadOnlyList<HardwiredSummary> Hardwired, int Line, string DeclaredIn);
public sealed record FieldSummary(string Name, int High, int Low);
public sealed record HardwiredSummary(int Index, string Value);
public sealed record MemorySummary(string Name, int AddressWidth, int CellWidth, string Endianness, int Line, string DeclaredIn);
public sealed record RolesSummary(string ProgramCounter, string Storage, IReadOnlyList<string> Mode, IReadOnlyList<string> Resources, IReadOnlyList<string> Time, string? VmMap);
public sealed record ExceptionSummary(string Name, IReadOnlyList<string> Parameters, int Line, string DeclaredIn);
public sealed record InstructionSummary(string Name, string? Description, string Encoding, int Length, string Mask, string Value, IReadOnlyList<EncodingFieldSummary> Fields, int Line, string DeclaredIn);
public sealed record EncodingFieldSummary(string Name, int High, int Low, bool LittleEndian);
