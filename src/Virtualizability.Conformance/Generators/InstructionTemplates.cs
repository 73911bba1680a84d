namespace Virtualizability.Conformance.Generators;

/// <summary>
/// One instruction form of the MIPS32 Release 2 opcode tables (Vol. II, appendix A): the fixed bits and the
/// mask of the bits that are operand fields. <see cref="Kind"/> says how a sequence generator may aim it.
/// </summary>
public sealed record InstructionTemplate(string Name, uint Fixed, uint Fields, TemplateKind Kind = TemplateKind.Plain)
{
    public uint With(uint fieldBits) => Fixed | (fieldBits & Fields);

    /// <summary>The name isa-specs/mips32.isa gives this form ("jr.hb" is JR_HB); the tests check that it decodes so.</summary>
    public string SpecName => Name.ToUpperInvariant().Replace('.', '_');
}

public enum TemplateKind { Plain, Branch, Jump, RegisterJump, Memory, Privileged }

/// <summary>The opcode tables of Vol. II, appendix A, as templates (built independently of the .isa file).</summary>
public static class InstructionTemplates
{
    private const uint RsRtRd = 0x03FF_F800;
    private const uint RtRdSa = 0x001F_FFC0;
    private const uint RsRt = 0x03FF_0000;
    private const uint RsRtImm = 0x03FF_FFFF;
    private const uint RsImm = 0x03E0_FFFF;

    private static InstructionTemplate Special(string name, uint funct, uint fields, TemplateKind kind = TemplateKind.Plain) =>
        new(name, funct, fields, kind);

    private static InstructionTemplate Primary(string name, uint opcode, uint fields, TemplateKind kind = TemplateKind.Plain) =>
        new(name, opcode << 26, fields, kind);

    private static InstructionTemplate RegImm(string name, uint rt, TemplateKind kind = TemplateKind.Plain) =>
        new(name, (0x01u << 26) | (rt << 16), RsImm, kind);

    private static InstructionTemplate Cop0(string name, uint word, uint fields) => new(name, word, fields, TemplateKind.Privileged);

    private static InstructionTemplate Special2(string name, uint funct, uint fields) => new(name, (0x1Cu << 26) | funct, fields);

    private static InstructionTemplate Special3(string name, uint fixedLow, uint fields) => new(name, (0x1Fu << 26) | fixedLow, fields);

    /// <summary>The template whose <see cref="InstructionTemplate.SpecName"/> is <paramref name="specName"/>, or null.</summary>
    public static InstructionTemplate? ForSpecInstruction(string specName) => All.FirstOrDefault(t => t.SpecName == specName);

    public static readonly InstructionTemplate[] All =
    [
        // SPECIAL (SLL $0, $0, 0/1/3 are NOP, SSNOP and EHB)
        Special("nop", 0x00, 0), Special("ssnop", 0x40, 0), Special("ehb", 0xC0, 0),
        Special("sll", 0x00, RtRdSa), Special("srl", 0x02, RtRdSa), Special("rotr", 0x0020_0002, RtRdSa),
        Special("sra", 0x03, RtRdSa), Special("sllv", 0x04, RsRtRd), Special("srlv", 0x06, RsRtRd),
        Special("rotrv", 0x46, RsRtRd), Special("srav", 0x07, RsRtRd),
        Special("jr", 0x08, 0x03E0_0000, TemplateKind.RegisterJump), Special("jr.hb", 0x408, 0x03E0_0000, TemplateKind.RegisterJump),
        Special("jalr", 0x09, 0x03E0_F800, TemplateKind.RegisterJump), Special("jalr.hb", 0x409, 0x03E0_F800, TemplateKind.RegisterJump),
        Special("movz", 0x0A, RsRtRd), Special("movn", 0x0B, RsRtRd), Special("movci", 0x01, 0x03FD_F800),
        Special("syscall", 0x0C, 0x03FF_FFC0), Special("break", 0x0D, 0x03FF_FFC0), Special("sync", 0x0F, 0x7C0),
        Special("mfhi", 0x10, 0xF800), Special("mthi", 0x11, 0x03E0_0000), Special("mflo", 0x12, 0xF800), Special("mtlo", 0x13, 0x03E0_0000),
        Special("mult", 0x18, RsRt), Special("multu", 0x19, RsRt), Special("div", 0x1A, RsRt), Special("divu", 0x1B, RsRt),
        Special("add", 0x20, RsRtRd), Special("addu", 0x21, RsRtRd), Special("sub", 0x22, RsRtRd), Special("subu", 0x23, RsRtRd),
        Special("and", 0x24, RsRtRd), Special("or", 0x25, RsRtRd), Special("xor", 0x26, RsRtRd), Special("nor", 0x27, RsRtRd),
        Special("slt", 0x2A, RsRtRd), Special("sltu", 0x2B, RsRtRd),
        Special("tge", 0x30, 0x03FF_FFC0), Special("tgeu", 0x31, 0x03FF_FFC0), Special("tlt", 0x32, 0x03FF_FFC0),
        Special("tltu", 0x33, 0x03FF_FFC0), Special("teq", 0x34, 0x03FF_FFC0), Special("tne", 0x36, 0x03FF_FFC0),
        // REGIMM
        RegImm("bltz", 0x00, TemplateKind.Branch), RegImm("bgez", 0x01, TemplateKind.Branch),
        RegImm("bltzl", 0x02, TemplateKind.Branch), RegImm("bgezl", 0x03, TemplateKind.Branch),
        RegImm("tgei", 0x08), RegImm("tgeiu", 0x09), RegImm("tlti", 0x0A), RegImm("tltiu", 0x0B), RegImm("teqi", 0x0C), RegImm("tnei", 0x0E),
        RegImm("bltzal", 0x10, TemplateKind.Branch), RegImm("bgezal", 0x11, TemplateKind.Branch),
        RegImm("bltzall", 0x12, TemplateKind.Branch), RegImm("bgezall", 0x13, TemplateKind.Branch),
        RegImm("synci", 0x1F, TemplateKind.Memory),
        // primary opcodes
        Primary("j", 0x02, 0x03FF_FFFF, TemplateKind.Jump), Primary("jal", 0x03, 0x03FF_FFFF, TemplateKind.Jump),
        Primary("beq", 0x04, RsRtImm, TemplateKind.Branch), Primary("bne", 0x05, RsRtImm, TemplateKind.Branch),
        Primary("blez", 0x06, RsImm, TemplateKind.Branch), Primary("bgtz", 0x07, RsImm, TemplateKind.Branch),
        Primary("beql", 0x14, RsRtImm, TemplateKind.Branch), Primary("bnel", 0x15, RsRtImm, TemplateKind.Branch),
        Primary("blezl", 0x16, RsImm, TemplateKind.Branch), Primary("bgtzl", 0x17, RsImm, TemplateKind.Branch),
        Primary("addi", 0x08, RsRtImm), Primary("addiu", 0x09, RsRtImm), Primary("slti", 0x0A, RsRtImm),
        Primary("sltiu", 0x0B, RsRtImm), Primary("andi", 0x0C, RsRtImm), Primary("ori", 0x0D, RsRtImm),
        Primary("xori", 0x0E, RsRtImm), Primary("lui", 0x0F, 0x001F_FFFF),
        Primary("cop1", 0x11, 0x03FF_FFFF), Primary("cop2", 0x12, 0x03FF_FFFF), Primary("cop1x", 0x13, 0x03FF_FFFF),
        Primary("jalx", 0x1D, 0x03FF_FFFF),
        Primary("lb", 0x20, RsRtImm, TemplateKind.Memory), Primary("lh", 0x21, RsRtImm, TemplateKind.Memory),
        Primary("lwl", 0x22, RsRtImm, TemplateKind.Memory), Primary("lw", 0x23, RsRtImm, TemplateKind.Memory),
        Primary("lbu", 0x24, RsRtImm, TemplateKind.Memory), Primary("lhu", 0x25, RsRtImm, TemplateKind.Memory),
        Primary("lwr", 0x26, RsRtImm, TemplateKind.Memory), Primary("sb", 0x28, RsRtImm, TemplateKind.Memory),
        Primary("sh", 0x29, RsRtImm, TemplateKind.Memory), Primary("swl", 0x2A, RsRtImm, TemplateKind.Memory),
        Primary("sw", 0x2B, RsRtImm, TemplateKind.Memory), Primary("swr", 0x2E, RsRtImm, TemplateKind.Memory),
        Primary("cache", 0x2F, RsRtImm, TemplateKind.Memory), Primary("ll", 0x30, RsRtImm, TemplateKind.Memory),
        Primary("pref", 0x33, RsRtImm, TemplateKind.Memory), Primary("sc", 0x38, RsRtImm, TemplateKind.Memory),
        Primary("lwc1", 0x31, RsRtImm), Primary("lwc2", 0x32, RsRtImm), Primary("ldc1", 0x35, RsRtImm), Primary("ldc2", 0x36, RsRtImm),
        Primary("swc1", 0x39, RsRtImm), Primary("swc2", 0x3A, RsRtImm), Primary("sdc1", 0x3D, RsRtImm), Primary("sdc2", 0x3E, RsRtImm),
        // COP0
        // Any other COP0 word: a random 26-bit field is almost never one of the forms below.
        Cop0("cop0_reserved", 0x4000_0000, 0x03FF_FFFF),
        Cop0("mfc0", 0x4000_0000, 0x001F_F807), Cop0("mtc0", 0x4080_0000, 0x001F_F807),
        Cop0("rdpgpr", 0x4140_0000, 0x001F_F800), Cop0("wrpgpr", 0x41C0_0000, 0x001F_F800),
        Cop0("di", 0x4160_6000, 0x001F_0000), Cop0("ei", 0x4160_6020, 0x001F_0000),
        Cop0("tlbr", 0x4200_0001, 0), Cop0("tlbwi", 0x4200_0002, 0), Cop0("tlbwr", 0x4200_0006, 0),
        Cop0("tlbp", 0x4200_0008, 0), Cop0("eret", 0x4200_0018, 0), Cop0("wait", 0x4200_0020, 0x01FF_FFC0),
        // SPECIAL2
        Special2("madd", 0x00, RsRt), Special2("maddu", 0x01, RsRt), Special2("mul", 0x02, RsRtRd),
        Special2("msub", 0x04, RsRt), Special2("msubu", 0x05, RsRt), Special2("clz", 0x20, RsRtRd), Special2("clo", 0x21, RsRtRd),
        // SPECIAL3
        Special3("ext", 0x00, 0x03FF_FFC0), Special3("ins", 0x04, 0x03FF_FFC0),
        Special3("wsbh", 0x0A0, 0x001F_F800), Special3("seb", 0x420, 0x001F_F800), Special3("seh", 0x620, 0x001F_F800),
        Special3("rdhwr", 0x3B, 0x001F_F800),
    ];
}
