using System.Net.Http.Headers;
using Atelier.Fetch.Transfer;

namespace Atelier.Fetch.Tests;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("120", 120)]
    [InlineData("Wed, 25 Nov 2026 12:00:30 GMT", 30)]
    [InlineData("Wed, 25 Nov 2026 11:59:00 GMT", 0)]
    public void Wait_SecondsOrDate_IsTheWaitFromNow(string header, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfter.Wait(RetryConditionHeaderValue.Parse(header), Now));

    [Fact]
    public void Wait_NoHeader_IsNone() => Assert.Null(RetryAfter.Wait(null, Now));
}
