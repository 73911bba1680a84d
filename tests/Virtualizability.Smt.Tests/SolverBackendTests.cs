using System.Diagnostics;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Solving.External;
using Virtualizability.Smt.Solving.Z3;
using Virtualizability.Smt.Terms;
using Xunit;

namespace Virtualizability.Smt.Tests;

/// <summary>The three back ends agree on verdicts and give models that satisfy the query when evaluated.</summary>
public class SolverBackendTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Backends => new() { "z3-inprocess", "z3-cli", "cvc5-cli" };

    private static ISolverBackend Backend(string name) => name switch
    {
        "z3-inprocess" => new Z3InProcessBackend(),
        "z3-cli" => ExternalSolverBackend.Z3(),
        _ => ExternalSolverBackend.Cvc5(),
    };

    private static Query Commutativity()
    {
        Term x = Term.BvVar("x", 32), y = Term.BvVar("y", 32);
        return new Query(Term.Ne(Term.Add(x, y), Term.Add(y, x))) { Name = "x + y != y + x" };
    }

    // A memory read and a nonlinear equation: 3 * x = 7 (mod 256) has the unique solution x = 0xad (171 is 3's inverse).
    private static (Query Query, Term X, Term Memory) SatisfiableWithMemory()
    {
        var x = Term.BvVar("x", 8);
        var mem = Term.Var("mem", Sort.Array(16, 8));
        var addr = Term.BvVar("addr", 16);
        var query = new Query(
            Term.Eq(Term.Mul(x, Term.Bv(3, 8)), Term.Bv(7, 8)),
            Term.Eq(Term.Select(mem, addr), x),
            Term.UGt(addr, Term.Bv(0x1000, 16)),
            Term.Ne(Term.Select(mem, Term.Bv(0x10, 16)), Term.Bv(0, 8))) { Name = "sat with memory" };
        return (query.Observing(Term.Add(x, Term.Bv(1, 8)), Term.Select(mem, addr)), x, mem);
    }

    [Theory, MemberData(nameof(Backends))]
    public void Commutativity_of_addition_is_unsat(string backend) =>
        Assert.IsType<SolverResult.Unsat>(Backend(backend).Check(Commutativity(), Generous));

    [Theory, MemberData(nameof(Backends))]
    public void Sat_model_satisfies_the_query_when_evaluated(string backend)
    {
        var (query, x, mem) = SatisfiableWithMemory();
        var model = Assert.IsType<SolverResult.Sat>(Backend(backend).Check(query, Generous)).Model;
        Assert.All(query.Assertions, a => Assert.True(model.Holds(a), $"model violates {a}"));
        Assert.Equal(0xadUL, model.Bits(x));
        Assert.Equal(query.Observed.Select(model.Evaluate), model.ObservedValues);
        Assert.IsType<ArrayValue>(model.Symbols[mem.Name!]);
    }

    // 2z = 1 has no solution modulo 256 (2z is even), and the term builder does not fold it away.
    private static Term Odd() => Term.Eq(Term.Mul(Term.BvVar("z", 8), Term.Bv(2, 8)), Term.Bv(1, 8));

    // A split disjunction: the first alternative is unsat, the second needs a memory model; a solver that splits must
    // go on past the first and return a model of the whole query.
    [Theory, MemberData(nameof(Backends))]
    public void A_split_disjunction_answers_sat_with_a_model_of_its_satisfiable_alternative(string backend)
    {
        var (withMemory, x, _) = SatisfiableWithMemory();
        var guard = Term.Ne(Term.BvVar("g", 4), Term.Bv(0, 4));
        var query = new Query([guard, Term.Or(Odd(), Term.And(withMemory.Assertions))], []) { SplitLastDisjunction = true };
        Assert.Equal(TermKind.Or, query.Assertions[^1].Kind);
        var model = Assert.IsType<SolverResult.Sat>(Backend(backend).Check(query, Generous)).Model;
        Assert.All(query.Assertions, a => Assert.True(model.Holds(a), $"model violates {a}"));
        Assert.Equal(0xadUL, model.Bits(x));
    }

    [Theory, MemberData(nameof(Backends))]
    public void A_split_disjunction_of_unsat_alternatives_is_unsat(string backend)
    {
        Term y = Term.BvVar("y", 8);
        var query = new Query([Term.UGt(y, Term.Bv(3, 8)), Term.Or(Odd(), Term.Eq(y, Term.Bv(1, 8)))], [])
        {
            SplitLastDisjunction = true,
        };
        Assert.IsType<SolverResult.Unsat>(Backend(backend).Check(query, Generous));
    }

    // Factoring a 64-bit product of two 32-bit primes (no wrap-around): far beyond a few milliseconds of bit-blasting.
    // The primes are not near 2^32: z3 found 2^32-5 and 2^32-17 within two seconds on an idle machine.
    private static Query Factoring()
    {
        Term p = Term.BvVar("p", 32), q = Term.BvVar("q", 32);
        return new Query(
            Term.Eq(Term.Mul(Term.ZeroExtend(p, 64), Term.ZeroExtend(q, 64)), Term.Bv(3037000453UL * 2860486301UL, 64)),
            Term.UGt(p, Term.Bv(1, 32)), Term.UGt(q, Term.Bv(1, 32))) { Name = "factoring" };
    }

    [Theory, MemberData(nameof(Backends))]
    public void Hard_nonlinear_query_with_one_millisecond_is_reported_as_unknown_or_timeout(string backend)
    {
        var result = Backend(backend).Check(Factoring(), TimeSpan.FromMilliseconds(1));
        Assert.True(result is SolverResult.Timeout or SolverResult.Unknown, $"{backend} gave {result}");
    }

    [Fact]
    public void Cancellation_interrupts_an_in_process_check()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => new Z3InProcessBackend().Check(Factoring(), TimeSpan.FromMinutes(5), cts.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("z3", "unsat")]
    [InlineData("cvc5", "unsat")]
    public void Emitted_unsat_file_is_rechecked_by_the_cli_solver(string solver, string expected) =>
        Assert.Equal(expected, RunOnFile(solver, SmtLibWriter.Write(Commutativity())));

    [Theory]
    [InlineData("z3")]
    [InlineData("cvc5")]
    public void Emitted_sat_file_gives_sat_in_the_cli_solver_as_in_process(string solver)
    {
        var (query, _, _) = SatisfiableWithMemory();
        Assert.IsType<SolverResult.Sat>(new Z3InProcessBackend().Check(query, Generous));
        Assert.Equal("sat", RunOnFile(solver, SmtLibWriter.Write(query)));
    }

    [Fact]
    public void Emitted_file_shares_repeated_subterms_instead_of_copying_them()
    {
        // 40 nested doublings: as a tree this has 2^40 leaves; with sharing it is 40 definitions.
        var t = Term.BvVar("seed", 16);
        for (var i = 0; i < 40; i++)
        {
            var u = Term.BvXor(t, Term.Bv(1, 16));
            t = Term.Add(u, Term.Mul(u, u));
        }
        var text = SmtLibWriter.Write(new Query(Term.Eq(t, Term.Bv(3, 16))));
        Assert.True(text.Length < 20_000, $"script is {text.Length} characters");
        Assert.Equal(RunOnFile("z3", text), RunOnFile("cvc5", text));
    }

    // Runs a CLI solver on a script written to a file, as a user re-checking an emitted obligation would.
    private static string RunOnFile(string solver, string script)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vz-smt-{Guid.NewGuid():N}.smt2");
        File.WriteAllText(path, script);
        try
        {
            var args = solver == "z3" ? $"-smt2 {path}" : $"--lang smt2 --produce-models {path}";
            using var process = Process.Start(new ProcessStartInfo(solver, args) { RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException($"could not start {solver}");
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output.Split('\n')[0].Trim();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
