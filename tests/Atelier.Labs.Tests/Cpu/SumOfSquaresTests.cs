using Atelier.Labs.Cpu;

namespace Atelier.Labs.Tests.Cpu;

public sealed class SumOfSquaresTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 10, 285)]
    [InlineData(3, 5, 25)]
    public void Compute_SmallRanges_AddsTheSquares(long start, long end, long expected) =>
        Assert.Equal((Int128)expected, SumOfSquares.Compute(start, end));

    [Theory]
    [InlineData(10)]
    [InlineData(1_000)]
    [InlineData(123_457)]
    public void Expected_MatchesTheLoop(long limit) =>
        Assert.Equal(SumOfSquares.Compute(0, limit), SumOfSquares.Expected(limit));

    [Fact]
    public void Expected_AtTheLargestLimit_DoesNotOverflow() =>
        Assert.Equal(Int128.Parse("8999999995500000000500000000", System.Globalization.CultureInfo.InvariantCulture), SumOfSquares.Expected(SumOfSquares.MaxLimit));

    [Theory]
    [InlineData(10, 4)]
    [InlineData(7, 7)]
    [InlineData(3, 5)]
    public void Split_CoversTheWholeRangeWithoutGapsOrOverlap(long limit, int count)
    {
        var ranges = SumOfSquares.Split(limit, count);

        Assert.Equal(count, ranges.Count);
        Assert.Equal(0, ranges[0].Start);
        Assert.Equal(limit, ranges[^1].End);
        Assert.All(ranges.Zip(ranges.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
    }
}
