namespace Virtualizability.Bench;

/// <summary>Finds isa-specs/ from wherever BenchmarkDotNet runs the benchmark process (it copies the build elsewhere).</summary>
public static class SpecPaths
{
    public static string PgMachine => Find("pg-machine.isa");

    public static string Find(string spec)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PG_ISA_SPECS");
        if (fromEnvironment is not null) return Path.Combine(fromEnvironment, spec);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "isa-specs", spec);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"isa-specs/{spec} not found above {AppContext.BaseDirectory}; set PG_ISA_SPECS");
    }
}
