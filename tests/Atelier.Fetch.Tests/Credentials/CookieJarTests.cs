using Atelier.Fetch.Credentials;

namespace Atelier.Fetch.Tests.Credentials;

public sealed class CookieJarTests
{
    [Theory]
    [InlineData(".example.com\tTRUE\t/\tTRUE\t4102444800\tid\t42", ".example.com\tTRUE\t/\tTRUE\t4102444800\tid\t42")]
    [InlineData("example.com\tTRUE\t/docs\tFALSE\t0\tid\t42", ".example.com\tTRUE\t/docs\tFALSE\t0\tid\t42")]
    [InlineData("#HttpOnly_files.example.com\tFALSE\t/\tFALSE\t0\tsid\ta=b", "#HttpOnly_files.example.com\tFALSE\t/\tFALSE\t0\tsid\ta=b")]
    public void ParseThenFormat_KeepsWhatCurlWrote_WithTheLeadingDotForSubdomains(string line, string expected)
    {
        var cookie = CookieJar.Parse(line);

        Assert.NotNull(cookie);
        Assert.Equal(expected, CookieJar.Format(cookie));
    }

    [Theory]
    [InlineData("# a comment")]
    [InlineData("")]
    [InlineData("example.com\tTRUE\t/\tTRUE\tsoon\tid\t42")]
    [InlineData("example.com\tTRUE\t/\tTRUE\t0\tid")]
    [InlineData("example.com\tyes\t/\tTRUE\t0\tid\t42")]
    public void Parse_NotACookie_IsNull(string line) => Assert.Null(CookieJar.Parse(line));
}
