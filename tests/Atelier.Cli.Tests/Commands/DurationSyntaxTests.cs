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
}
