using Atelier.Monitoring.Sampling;
using Atelier.Monitoring.Summary;

namespace Atelier.Monitoring.Tests.Sampling;

public sealed class WindowAndStatisticsTests
{
    private static readonly Metric[] Metrics = [new("cpu", "CPU", MetricKind.Percent), new("mem", "Memory", MetricKind.Percent)];

    [Fact]
    public void Window_KeepsTheLastSamplesInOrder()
    {
        var window = new SampleWindow(Metrics, capacity: 3);
        var start = DateTimeOffset.UnixEpoch;
        for (var i = 1; i <= 5; i++)
        {
            window.Add([i, i * 10], start.AddSeconds(i));
        }

        var series = new double[10];
        Assert.Equal(3, window.Series(1, series));
        Assert.Equal([30.0, 40, 50], series[..3]);
        var latest = new double[2];
        Assert.True(window.TryLatest(latest, out var time));
        Assert.Equal([5.0, 50], latest);
        Assert.Equal(start.AddSeconds(5), time);
        Assert.Equal(5, window.Written);
    }

    [Fact]
    public void Statistics_AreMinAverageMaxAndNearestRankP95_IgnoringGaps()
    {
        var statistics = new RunStatistics(Metrics, keep: 1000);
        for (var i = 1; i <= 100; i++)
        {
            statistics.Add([i, i == 50 ? double.NaN : 7]);
        }

        var summary = statistics.Summarize();

        Assert.Equal((100L, 1.0, 50.5, 100.0, 95.0), (summary[0].Samples, summary[0].Min, summary[0].Average, summary[0].Max, summary[0].P95));
        Assert.Equal((99L, 7.0), (summary[1].Samples, summary[1].Average));
    }

    [Fact]
    public void Percentile_SmallSets_AreNearestRank()
    {
        Assert.Equal(3, RunStatistics.Percentile([3], 0.95));
        Assert.Equal(10, RunStatistics.Percentile([1, 10], 0.95));
        Assert.Equal(19, RunStatistics.Percentile([.. Enumerable.Range(1, 20).Select(i => (double)i)], 0.95));
    }
}
