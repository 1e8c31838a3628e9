using Atelier.Fetch.Credentials;

namespace Atelier.Fetch.Tests.Credentials;

public sealed class NetrcTests
{
    [Fact]
    public void Parse_ReadsEntriesOnOneLineOrManyCommentsMacrosQuotesAndTheDefault()
    {
        const string text = """
            # work
            machine files.example.com login alice password s3cret
            machine mirror.example.org
                login bob
                password "two words \"quoted\""
            macdef init
            cd /pub
            machine never.example.net login mallory password nope

            machine files.example.com login second password ignored
            default login anonymous password me@example.com
            """;

        var netrc = Netrc.Parse(new StringReader(text));

        Assert.Equal(new NetrcLogin("alice", "s3cret"), netrc.For("files.example.com"));
        Assert.Equal(new NetrcLogin("alice", "s3cret"), netrc.For("FILES.example.com"));
        Assert.Equal(new NetrcLogin("bob", "two words \"quoted\""), netrc.For("mirror.example.org"));
        Assert.Equal(new NetrcLogin("anonymous", "me@example.com"), netrc.For("never.example.net"));
        Assert.Equal(new NetrcLogin("anonymous", "me@example.com"), netrc.For("elsewhere.example"));
    }

    [Fact]
    public void For_NoEntryAndNoDefault_IsNull() =>
        Assert.Null(Netrc.Parse(new StringReader("machine a.example login x password y")).For("b.example"));

    [Fact]
    public void Login_PrintedByMistake_HidesThePassword() => Assert.Equal("alice:***", new NetrcLogin("alice", "s3cret").ToString());

    [Theory]
    [InlineData("machine", "ends after 'machine' without a host name.")]
    [InlineData("machine a login", "ends after 'login' without its value.")]
    [InlineData("login alice password x", "has 'login' before any 'machine' or 'default'.")]
    public void Parse_Incomplete_SaysWhat(string text, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => Netrc.Parse(new StringReader(text))).Message);

    [Fact]
    public void Load_MissingFile_IsOneLineNamingIt()
    {
        var error = Assert.Throws<AtelierException>(() => Netrc.Load("/nonexistent/.netrc"));

        Assert.StartsWith("Cannot read the netrc file '/nonexistent/.netrc': ", error.Message, StringComparison.Ordinal);
    }
}
