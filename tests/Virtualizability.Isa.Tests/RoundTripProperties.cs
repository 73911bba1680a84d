using FsCheck;
using FsCheck.Fluent;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Isa.Tests;

/// <summary>Printing the IR and loading the text gives the same IR, and printing that gives the same text.</summary>
public class RoundTripProperties
{
    private static readonly Arbitrary<int> Seeds = Arb.From(Gen.Choose(0, int.MaxValue));

    internal static string RoundTripProblem(IsaModel model)
    {
        var printed = IrPrinter.Print(model);
        var again = IsaFrontEnd.LoadText(printed, "printed.isa");
        if (!again.Succeeded) return "printed text does not load:\n" + string.Join("\n", again.Diagnostics) + "\n" + printed;
        if (IrEquality.FirstDifference(model, again.Model!) is { } diff) return "IR differs: " + diff + "\n" + printed;
        var reprinted = IrPrinter.Print(again.Model!);
        return reprinted == printed ? "" : "printing is not canonical:\n" + printed + "\n----\n" + reprinted;
    }

    [Fact]
    public void Generated_specs_are_valid()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var text = SpecGenerator.Generate(seed);
            var result = IsaFrontEnd.LoadText(text, "gen.isa");
            Assert.True(result.Succeeded, $"seed {seed}:\n{string.Join("\n", result.Diagnostics)}\n{text}");
        }
    }

    [Fact]
    public void Random_specs_round_trip_through_the_printer()
    {
        var property = Prop.ForAll(Seeds, seed =>
        {
            var text = SpecGenerator.Generate(seed);
            var loaded = IsaFrontEnd.LoadText(text, "gen.isa");
            if (!loaded.Succeeded) return false.Label($"generated spec does not load (seed {seed}): {string.Join("; ", loaded.Diagnostics)}");
            var problem = RoundTripProblem(loaded.Model!);
            return (problem == "").Label($"seed {seed}: {problem}");
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Pg_machine_round_trips_through_the_printer()
    {
        var loaded = IsaFrontEnd.LoadFile(TestPaths.PgMachine);
        Assert.True(loaded.Succeeded);
        Assert.Equal("", RoundTripProblem(loaded.Model!));
    }
}
