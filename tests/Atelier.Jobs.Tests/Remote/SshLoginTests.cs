using Atelier.Jobs.Remote;
using Atelier.Tests.Support;

namespace Atelier.Jobs.Tests.Remote;

/// <summary>-S logins in GNU parallel's forms.</summary>
public sealed class SshLoginTests
{
    [Theory]
    [InlineData("server", null, "server", null)]
    [InlineData("4/me@server", 4, "me@server", null)]
    [InlineData("8/server:2222", 8, "server", 2222)]
    [InlineData("me@[::1]:2222", null, "me@::1", 2222)]
    [InlineData("::1p2222", null, "::1", 2222)]
    [InlineData("::1#2222", null, "::1", 2222)]
    [InlineData("fe80::1", null, "fe80::1", null)]
    public void Parse_HostUserSlotsAndPort(string text, int? slots, string destination, int? port)
    {
        var login = SshLogin.Parse(text);

        Assert.Equal((slots, destination, port, (IReadOnlyList<string>?)null, false), (login.Slots, login.Destination, login.Port, login.Ssh, login.IsLocal));
    }

    [Fact]
    public void Parse_AnSshCommandOfItsOwn_ItsLastWordIsTheHost()
    {
        var login = SshLogin.Parse("4/ssh -p 2222 me@quad");

        Assert.Equal((4, "me@quad", "ssh -p 2222 me@quad"), (login.Slots, login.Destination, login.Text));
        Assert.Equal(["ssh", "-p", "2222"], login.Ssh!);
        Assert.Equal(["/usr/local/bin/myssh", "-l", "me"], SshLogin.Parse("//usr/local/bin/myssh -l me hexa").Ssh!);
    }

    [Fact]
    public void ParseList_CommasNewlinesCommentsAndThisMachine()
    {
        var logins = SshLogin.ParseList("a,2/b\n# a comment\n\n16/:\nc,,d\n");

        Assert.Equal(["a", "b", ":", "c,d"], logins.Select(l => l.Text));
        Assert.True(logins[2].IsLocal);
        Assert.Equal(16, logins[2].Slots);
    }

    [Theory]
    [InlineData("0/server", "its N/ must be a number of jobs of at least 1")]
    [InlineData("server:99999", "'99999' is not a port")]
    [InlineData("server:http", "'http' is not a port")]
    [InlineData("me@", "it names no host")]
    public void Parse_NotALogin_IsAOneLineError(string text, string why)
    {
        var error = Assert.Throws<AtelierException>(() => SshLogin.Parse(text));

        Assert.Equal($"'{text}' is not an ssh login ([N/][user@]host[:port], or ':' for this machine): {why}.", error.Message);
    }

    [Fact]
    public void ParallelLoginFile_HomeFirst_ThenXdgConfigWhenOnlyThatExists()
    {
        using var home = new TempFolder();
        using var config = new TempFolder();
        var variables = new Dictionary<string, string?> { ["HOME"] = home.Path, ["XDG_CONFIG_HOME"] = config.Path };
        var inHome = Path.Combine(home.Path, ".parallel", "sshloginfile");
        var inConfig = Path.Combine(config.Path, "parallel", "sshloginfile");

        // Neither exists: the home one, for the error to name.
        Assert.Equal(inHome, SshLogin.ParallelLoginFile(v => variables[v]));

        Directory.CreateDirectory(Path.GetDirectoryName(inConfig)!);
        File.WriteAllText(inConfig, "h1\n");
        Assert.Equal(inConfig, SshLogin.ParallelLoginFile(v => variables[v]));

        Directory.CreateDirectory(Path.GetDirectoryName(inHome)!);
        File.WriteAllText(inHome, "h2\n");
        Assert.Equal(inHome, SshLogin.ParallelLoginFile(v => variables[v]));
    }
}
