using Atelier.Cli.Commands;

namespace Atelier.Cli.Tests.Commands;

public sealed class DurationSyntaxTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("3", 3_000)]
    [InlineData(" 0ms ", 0)]
    public void TryParse_Accepted(string text, double milliseconds)
    {
        Assert.True(DurationSyntax.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ms")]
    [InlineData("5x")]
    [InlineData("-1s")]
    [InlineData("1e3s")]
    [InlineData("10 s")]
    [InlineData("99999999999999h")]
    public void TryParse_Rejected(string text) => Assert.False(DurationSyntax.TryParse(text, out _));

    [Theory]
    [InlineData(250, "250ms")]
    [InlineData(10_000, "10s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(60_000, "1m")]
    [InlineData(90_000, "90s")]
    [InlineData(7_200_000, "2h")]
    public void Format_WritesTheShortestForm(double milliseconds, string expected)
    {
        var text = DurationSyntax.Format(TimeSpan.FromMilliseconds(milliseconds));

        Assert.Equal(expected, text);
        Assert.True(DurationSyntax.TryParse(text, out var back));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), back);
    }
}
