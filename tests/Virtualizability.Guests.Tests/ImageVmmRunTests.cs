namespace Virtualizability.Guests.Tests;

/// <summary>
/// `pgcheck run GUEST.hex --isa SPEC --vmm` for the specs the identity VMM runs: the sample guests of tests/guests/&lt;spec&gt;
/// print under the VMM exactly what they print on the bare model, with the same exit code (neither spec has a halt, so
/// both runs stop at --max-instructions and exit 4).
/// </summary>
public sealed class ImageVmmRunTests
{
    public static TheoryData<string, string, string[]> Guests => new()
    {
        { "s360", "s3\n3\n247\n5\n", ["--console", "0xfff0", "--memory", "65520", "--max-instructions", "3000"] },
        { "riscv", "rv\n52\n", ["--max-instructions", "2000"] },
    };

    [Theory]
    [MemberData(nameof(Guests))]
    public void The_vmm_prints_what_the_bare_model_prints(string spec, string console, string[] options)
    {
        string[] arguments = ["run", Path.Combine("tests", "guests", spec, "sample.hex"), "--isa", Path.Combine("isa-specs", spec + ".isa"), .. options];
        var bare = Pgcheck.Run(arguments, TimeSpan.FromMinutes(2));
        var vmm = Pgcheck.Run([.. arguments, "--vmm"], TimeSpan.FromMinutes(2));
        Assert.StartsWith(console, bare.Stdout);
        Assert.Equal(bare.Stdout, vmm.Stdout);
        Assert.Equal(bare.ExitCode, vmm.ExitCode);
    }
}
