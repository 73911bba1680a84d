using Virtualizability.Guests;

namespace Virtualizability.Guests.Tests;

public class CrossToolsTests
{
    [Fact]
    public void A_missing_tool_is_an_error_naming_the_packages_to_install()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CrossTools.Require("mipsel-linux-gnu-no-such-tool"));
        Assert.Contains("mipsel-linux-gnu-no-such-tool", error.Message);
        Assert.Contains("apt-get install gcc-mipsel-linux-gnu binutils-mipsel-linux-gnu qemu-system-mips", error.Message);
    }

    [Fact]
    public void A_timeout_kills_the_process_and_says_so()
    {
        var error = Assert.Throws<TimeoutException>(() => CrossTools.Run("/bin/sh", ["-c", "echo started; sleep 30"], TimeSpan.FromSeconds(1)));
        Assert.Contains("started", error.Message);
    }
}
