namespace Atelier.Fetch.Tests;

public sealed class FetchTotalsTests
{
    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);

    [Fact]
    public void Fraction_OneLargeFileUnderWay_IsItsShareOfBytes()
    {
        var totals = new FetchTotals(1, InputComplete: true, Active: 1, 0, 0, Bytes: 17, ExpectedBytes: 83, TenSeconds) { SizesKnown = true };

        Assert.Equal(0.17, totals.Fraction!.Value, 3);
        Assert.Equal(TimeSpan.FromSeconds(83 / 1.7), totals.Left);
    }

    [Fact]
    public void Fraction_TwoQuickFailuresAndALargeDownload_CountsBytesNotFiles()
    {
        // Two of three files ended (failed, no bytes): by files 66%; by bytes, 5% of the one left.
        var totals = new FetchTotals(3, InputComplete: true, Active: 1, 0, 2, Bytes: 5, ExpectedBytes: 95, TenSeconds) { SizesKnown = true };

        Assert.Equal(0.05, totals.Fraction!.Value, 3);
    }

    [Theory]
    [InlineData(false, 1, true)]
    [InlineData(true, 1, false)]
    [InlineData(true, 0, true)]
    public void Fraction_WhenNotEveryByteLeftIsKnown_IsNone(bool inputComplete, int active, bool sizesKnown)
    {
        // A list still being read, a download whose size is not known yet, a file waiting for a slot.
        var totals = new FetchTotals(3, inputComplete, active, 1, 0, Bytes: 10, ExpectedBytes: 90, TenSeconds) { SizesKnown = sizesKnown };

        Assert.Null(totals.Fraction);
        Assert.Null(totals.Left);
    }
}
