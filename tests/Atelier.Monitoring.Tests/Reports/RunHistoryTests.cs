using Atelier.Monitoring.Reports;

namespace Atelier.Monitoring.Tests.Reports;

/// <summary>A whole run in bounded memory: points that merge in pairs once the capacity is used.</summary>
public sealed class RunHistoryTests
{
    private static readonly Metric[] Metrics = [new("cpu", "CPU", MetricKind.Percent), new("temp", "Temperature", MetricKind.Celsius)];
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_UnderCapacity_KeepsEverySampleAsItsOwnPoint()
    {
        var history = new RunHistory(Metrics, capacity: 8);

        for (var s = 0; s < 5; s++)
        {
            history.Add([s * 10, double.NaN], Start.AddSeconds(s));
        }

        Assert.Equal(5, history.Count);
        Assert.Equal(1, history.SamplesPerPoint);
        Assert.Equal((30, 30, 30), history.Value(3, 0));
        Assert.Equal(Start.AddSeconds(3), history.Time(3));
        Assert.True(double.IsNaN(history.Value(3, 1).Mean));
    }

    [Fact]
    public void Add_ADayAtOneHertz_StaysWithinTheCapacity_AndKeepsEveryMinimumMaximumAndTheMean()
    {
        var history = new RunHistory(Metrics);
        double sum = 0;
        for (var s = 0; s < 86_400; s++)
        {
            // A slow wave with one spike and one dip, and a sensor that answers only the first half of the day.
            var cpu = s == 50_000 ? 100 : s == 70_001 ? 0 : 50 + 40 * Math.Sin(s / 3600.0);
            sum += cpu;
            history.Add([cpu, s < 43_200 ? 40 + s % 7 : double.NaN], Start.AddSeconds(s));
        }

        Assert.Equal(86_400, history.Samples);
        Assert.Equal(64, history.SamplesPerPoint);
        Assert.Equal(1350, history.Count);
        var points = Enumerable.Range(0, history.Count).Select(p => history.Value(p, 0)).ToList();
        Assert.Equal(100, points.Max(p => p.Max));
        Assert.Equal(0, points.Min(p => p.Min));
        Assert.Single(points, p => p.Max == 100);
        Assert.Equal(sum / 86_400, points.Average(p => p.Mean), precision: 9);
        Assert.All(points, p => Assert.InRange(p.Mean, p.Min, p.Max));
        Assert.Equal(Start.AddSeconds(31.5), history.Time(0));
        Assert.Equal(Start.AddSeconds(86_400 - 32.5), history.Time(history.Count - 1));

        // The sensor's half: 675 points with its values, then none.
        Assert.Equal(675, Enumerable.Range(0, history.Count).Count(p => !double.IsNaN(history.Value(p, 1).Mean)));
        Assert.Equal((40, 46), (Enumerable.Range(0, 675).Min(p => history.Value(p, 1).Min), Enumerable.Range(0, 675).Max(p => history.Value(p, 1).Max)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void New_ACapacityThatCannotHalve_IsRefused(int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunHistory(Metrics, capacity));
}
