using System.Net.Http.Headers;
using Atelier.Fetch.Transfer;

namespace Atelier.Fetch.Tests.Transfer;

public sealed class SegmentPlanTests
{
    [Fact]
    public void Claim_SplitsTheRangeWithTheMostLeftInHalves_WhileBothHalvesReachTheMinimum()
    {
        var plan = SegmentPlan.Start(256, validator: null, out var first);

        var claimed = new List<SegmentPlan.Segment>();
        while (plan.Claim(minimum: 32) is { } segment)
        {
            claimed.Add(segment);
        }

        // 256 -> 128 + 128 -> ... -> eight of 32: a range of 32 is not split into two of 16.
        Assert.Equal(7, claimed.Count);
        Assert.All(claimed.Append(first), s => Assert.Equal(32, s.End - s.Start));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => i * 32L), claimed.Append(first).Select(s => s.Start).Order());
        Assert.Equal(8, plan.MostOwned);
    }

    [Fact]
    public void Take_NeverPassesARangeEndThatMovedDown()
    {
        var plan = SegmentPlan.Start(100, validator: null, out var first);
        Assert.Equal((0L, 10), plan.Take(first, 10));
        Assert.False(plan.Wrote(first, 10));

        var second = plan.Claim(minimum: 10)!;

        Assert.Equal((55L, 100L), (second.Start, second.End));
        Assert.Equal((10L, 45), plan.Take(first, 1000));
        Assert.True(plan.Wrote(first, 45));
        Assert.False(plan.HasLeft(first));
        Assert.Equal(55, plan.Done);
    }

    [Fact]
    public void Release_LeavesWhatWasWrittenAndFreesTheRest()
    {
        var plan = SegmentPlan.Start(100, validator: null, out var first);
        plan.Take(first, 40);
        plan.Wrote(first, 30);

        plan.Release(first);
        var again = plan.Claim(minimum: 1000);

        Assert.Same(first, again);
        Assert.Equal((0L, 30L), plan.Take(again!, 1) is var (offset, _) ? (again!.Start, offset) : default);
    }

    [Fact]
    public void SaveThenLoad_KeepsTheLengthTheValidatorAndOnlyTheMissingRanges()
    {
        var plan = SegmentPlan.Start(1000, new RangeConditionHeaderValue(new EntityTagHeaderValue("\"v1\"")), out var first);
        var second = plan.Claim(minimum: 100)!;
        plan.Take(first, 200);
        plan.Wrote(first, 200);
        plan.Take(second, 100);
        plan.Wrote(second, 100);
        using var text = new StringWriter();

        plan.Save(text);
        var loaded = SegmentPlan.Load(new StringReader(text.ToString()))!;

        Assert.Equal((1000L, "\"v1\"", 300L), (loaded.Length, loaded.Validator!.ToString(), loaded.Done));
        var ranges = new[] { loaded.Claim(1000)!, loaded.Claim(1000)! }.Select(s => (s.Start, s.End)).Order();
        Assert.Equal([(200L, 500L), (600L, 1000L)], ranges);
        Assert.Null(loaded.Claim(1000));
    }

    [Theory]
    [InlineData("")]
    [InlineData("something else\nlength\t10\n")]
    [InlineData("atelier-segments 1\nmissing\t0\t5\n")]
    [InlineData("atelier-segments 1\nlength\t10\nmissing\t0\t11\n")]
    [InlineData("atelier-segments 1\nlength\t10\nmissing\t0\t6\nmissing\t5\t10\n")]
    [InlineData("atelier-segments 1\nlength\t10\nmissing\t7\t3\n")]
    public void Load_SomethingThatIsNotAPlan_IsNull(string text) => Assert.Null(SegmentPlan.Load(new StringReader(text)));
}
