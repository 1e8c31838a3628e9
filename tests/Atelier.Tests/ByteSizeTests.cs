namespace Atelier.Tests;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("1048576", SizeUnits.Parallel, 1048576)]
    [InlineData("512K", SizeUnits.Parallel, 524288)]
    [InlineData("8M", SizeUnits.Parallel, 8388608)]
    [InlineData("1.5G", SizeUnits.Parallel, 1610612736)]
    [InlineData("1T", SizeUnits.Parallel, 1L << 40)]
    [InlineData("10k", SizeUnits.Parallel, 10_000)]
    [InlineData("1m", SizeUnits.Parallel, 1_000_000)]
    [InlineData("2g", SizeUnits.Parallel, 2_000_000_000)]
    [InlineData("1Ki", SizeUnits.Parallel, 1024)]
    [InlineData("1ki", SizeUnits.Parallel, 1024)]
    [InlineData("2Mi", SizeUnits.Parallel, 2097152)]
    [InlineData("-4", SizeUnits.Parallel, -4)]
    [InlineData("500k", SizeUnits.Binary, 512_000)]
    [InlineData("500K", SizeUnits.Binary, 512_000)]
    [InlineData("20M", SizeUnits.Binary, 20_971_520)]
    [InlineData("20MB/s", SizeUnits.Binary, 20_971_520)]
    [InlineData("500kb/s", SizeUnits.Binary, 512_000)]
    [InlineData("1.5m", SizeUnits.Binary, 1_572_864)]
    [InlineData("60k", SizeUnits.Decimal, 60_000)]
    [InlineData("1.5M", SizeUnits.Decimal, 1_500_000)]
    [InlineData("120kB", SizeUnits.Decimal, 120_000)]
    [InlineData("64KiB", SizeUnits.Decimal, 65_536)]
    [InlineData(" 7 ", SizeUnits.Decimal, 7)]
    public void TryParse_EachConventionCountsItsOwnWay(string text, SizeUnits units, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, units, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("M")]
    [InlineData("1X")]
    [InlineData("1i")]
    [InlineData("k1")]
    [InlineData("1..5M")]
    [InlineData("99999999999P")]
    public void TryParse_Nonsense_IsRefusedInEveryConvention(string text)
    {
        Assert.All(Enum.GetValues<SizeUnits>(), units => Assert.False(ByteSize.TryParse(text, units, out _), $"{text} as {units}"));
    }

    [Fact]
    public void Convention_SaysWhatKIs() =>
        Assert.Equal(["k = 1,024", "K = 1,024, k = 1,000", "k = 1,000, Ki = 1,024"], Enum.GetValues<SizeUnits>().Select(ByteSize.Convention));
}
