namespace Virtualizability.Isa.Tests;

/// <summary>Small spec fragments for tests: a minimal valid machine that tests extend or break.</summary>
internal static class SpecText
{
    public const string Header = """
        isa t "test";
        encoding fixed 8;
        memory E : bits(8) -> bits(8), little;
        register P : bits(8);
        register M : bits(1);
        roles { pc P; storage E; supervisor when M == 0; enter user { M := 1; } enter supervisor { M := 0; } }
        fn fetch() : bits(8) = E[P];
        """;

    public static string With(string rest) => Header + "\n" + rest + "\n";
}
