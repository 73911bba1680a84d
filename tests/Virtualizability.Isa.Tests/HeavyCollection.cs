namespace Virtualizability.Isa.Tests;

/// <summary>Tests that are heavy or timed run one at a time, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyCollection
{
    public const string Name = "Heavy";
}
