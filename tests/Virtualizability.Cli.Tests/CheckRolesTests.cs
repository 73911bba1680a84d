using Xunit;

namespace Virtualizability.Cli.Tests;

/// <summary>
/// Specs that pass the front end but whose enter blocks do not give the mode the predicates describe. The checker
/// compares each state with its twin in the other mode, made by the enter blocks; before it checked the roles first,
/// such specs ended every instruction in "internal error: the twin state does not flip the supervisor predicate"
/// (exit 70). Now the command says which block to fix, located, and exits 1.
/// </summary>
public sealed class CheckRolesTests
{
    private static string Spec(string roles) => $$"""
        isa t "t";
        encoding fixed 8;
        memory E : bits(8) -> bits(8), little;
        register P : bits(8);
        register M : bits(1);
        register G : bits(8);
        roles {
          pc P;
          storage E;
        {{roles}}
          enter user { M := 1; }
          enter supervisor { M := 0; }
        }
        fn fetch() : bits(8) = E[P];
        epilogue { P := P + 1; }
        instruction INC "0000 0001" "G := G + 1" { G := G + 1; }
        instruction SETM "0000 0010" "M := G[0]" { M := G[0]; }
        """;

    private static PgcheckProcess.Result Check(string text, params string[] extra)
    {
        var dir = Directory.CreateTempSubdirectory("pgcheck-roles-");
        try
        {
            var path = Path.Combine(dir.FullName, "roles.isa");
            File.WriteAllText(path, text);
            return PgcheckProcess.Run(["check", path, "--no-cache", "--timeout-ms", "5000", .. extra]);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Theory]
    [InlineData("  supervisor when M == 0 && M == 1;", "enter supervisor", 12)] // no state is supervisor
    [InlineData("  supervisor when false;", "enter supervisor", 12)]
    [InlineData("  supervisor when G == 0;", "enter supervisor", 12)]          // the enter blocks do not set G
    [InlineData("  supervisor when M == 0;\n  user when M == 0;", "enter user", 11)]
    public void Enter_blocks_that_do_not_give_their_mode_are_a_located_error(string roles, string block, int line)
    {
        var result = Check(Spec(roles));
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        Assert.DoesNotContain("internal error", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Matches($@"roles\.isa:{line + (roles.Contains('\n') ? 1 : 0)}:\d+: error: '{block}' can give a state where", result.Stderr);
    }

    [Fact]
    public void Consistent_roles_are_checked_as_before()
    {
        var result = Check(Spec("  supervisor when M == 0;"));
        Assert.True(result.ExitCode is 0 or 2, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        Assert.Contains("Theorem 1", result.Stdout);
    }
}
