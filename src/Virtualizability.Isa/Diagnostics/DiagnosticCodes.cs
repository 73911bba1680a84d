using System.Collections.Immutable;
using System.Reflection;

namespace Virtualizability.Isa.Diagnostics;

/// <summary>
/// The one catalog of diagnostic codes. Numbers are stable: never renumber or reuse one.
/// Every code is documented in docs/diagnostics.md and has a golden test under tests/.../Golden.
/// Ranges: 1-9 files, 10-19 lexer, 20-29 parser, 30-49 declarations, 50-59 encodings,
/// 60-79 expressions and types, 80-89 statements and functions.
/// </summary>
public static class DiagnosticCodes
{
    // Files and includes
    public static readonly DiagnosticCode CannotReadFile = new(1, "cannot read file");
    public static readonly DiagnosticCode PathIsDirectory = new(2, "path is a directory");
    public static readonly DiagnosticCode FileTooLarge = new(3, "file too large");
    public static readonly DiagnosticCode InvalidUtf8 = new(4, "invalid UTF-8");
    public static readonly DiagnosticCode EmptyFile = new(5, "empty file");
    public static readonly DiagnosticCode IncludeCycle = new(6, "include cycle");
    public static readonly DiagnosticCode NotRegularFile = new(7, "not a regular file");

    // Lexer
    public static readonly DiagnosticCode UnexpectedCharacter = new(10, "unexpected character");
    public static readonly DiagnosticCode UnterminatedString = new(11, "unterminated string");
    public static readonly DiagnosticCode UnterminatedComment = new(12, "unterminated block comment");
    public static readonly DiagnosticCode InvalidIntegerLiteral = new(13, "invalid integer literal");
    public static readonly DiagnosticCode InvalidEscape = new(14, "invalid escape sequence");

    // Parser
    public static readonly DiagnosticCode SyntaxError = new(20, "syntax error");
    public static readonly DiagnosticCode NestingTooDeep = new(21, "nesting too deep");
    public static readonly DiagnosticCode ExpectedDeclaration = new(22, "expected a declaration");

    // Declarations
    public static readonly DiagnosticCode DuplicateName = new(30, "duplicate name");
    public static readonly DiagnosticCode UnknownName = new(31, "unknown name");
    public static readonly DiagnosticCode MissingIsa = new(32, "missing isa declaration");
    public static readonly DiagnosticCode DeclaredTwice = new(33, "declared more than once");
    public static readonly DiagnosticCode MissingEncoding = new(34, "missing encoding declaration");
    public static readonly DiagnosticCode InvalidEncodingWidth = new(35, "invalid encoding width");
    public static readonly DiagnosticCode MissingFetch = new(36, "missing fetch function");
    public static readonly DiagnosticCode BadFetchSignature = new(37, "wrong fetch signature");
    public static readonly DiagnosticCode MissingRole = new(38, "missing role");
    public static readonly DiagnosticCode OverlappingRoles = new(39, "overlapping roles");
    public static readonly DiagnosticCode PredicateOutsideMode = new(40, "privilege predicate outside the mode role");
    public static readonly DiagnosticCode InvalidWidth = new(41, "invalid width");
    public static readonly DiagnosticCode InvalidCount = new(42, "invalid register file size");
    public static readonly DiagnosticCode InvalidFieldRange = new(43, "invalid register field");
    public static readonly DiagnosticCode InvalidHardwired = new(44, "invalid hardwired entry");
    public static readonly DiagnosticCode WrongKind = new(46, "wrong kind of name");

    // Encodings
    public static readonly DiagnosticCode InvalidPattern = new(50, "invalid encoding pattern");
    public static readonly DiagnosticCode PatternLength = new(51, "wrong pattern length");
    public static readonly DiagnosticCode AmbiguousEncoding = new(52, "ambiguous encodings");
    public static readonly DiagnosticCode LittleEndianField = new(54, "invalid little-endian field");

    // Expressions and types
    public static readonly DiagnosticCode TypeMismatch = new(60, "type mismatch");
    public static readonly DiagnosticCode WidthMismatch = new(61, "operand widths differ");
    public static readonly DiagnosticCode IntegerDoesNotFit = new(62, "integer does not fit");
    public static readonly DiagnosticCode IntegerNeedsWidth = new(63, "integer needs a width");
    public static readonly DiagnosticCode NotConstant = new(64, "not a constant");
    public static readonly DiagnosticCode ConstantArithmetic = new(65, "constant arithmetic error");
    public static readonly DiagnosticCode WrongArity = new(66, "wrong number of arguments");
    public static readonly DiagnosticCode InvalidSlice = new(67, "invalid bit slice");
    public static readonly DiagnosticCode IndexOutOfRange = new(68, "constant index out of range");
    public static readonly DiagnosticCode InvalidAccessSize = new(69, "invalid memory access size");
    public static readonly DiagnosticCode InvalidExtension = new(70, "invalid extension");
    public static readonly DiagnosticCode UnknownField = new(71, "unknown register field");
    public static readonly DiagnosticCode NoValue = new(72, "procedure has no value");
    public static readonly DiagnosticCode OperatorNotApplicable = new(73, "operator not applicable");

    // Statements and functions
    public static readonly DiagnosticCode NotAssignable = new(80, "not assignable");
    public static readonly DiagnosticCode MissingReturn = new(81, "missing return");
    public static readonly DiagnosticCode InvalidReturn = new(82, "invalid return");
    public static readonly DiagnosticCode Recursion = new(83, "recursion");
    public static readonly DiagnosticCode MisplacedMove = new(84, "misplaced move");
    public static readonly DiagnosticCode LoopTooLarge = new(85, "loop too large");
    public static readonly DiagnosticCode RoleBlockCanTrap = new(86, "role block can trap or halt");
    public static readonly DiagnosticCode PredicateWritesState = new(87, "privilege predicate writes state");
    public static readonly DiagnosticCode PredicateReadsMemory = new(88, "privilege predicate reads memory");
    public static readonly DiagnosticCode InlinedCodeTooLarge = new(89, "inlined code too large");

    /// <summary>All codes, found by reflection so a new field cannot be forgotten here.</summary>
    public static ImmutableArray<DiagnosticCode> All { get; } =
        typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticCode))
            .Select(f => (DiagnosticCode)f.GetValue(null)!)
            .OrderBy(c => c.Number)
            .ToImmutableArray();
}
