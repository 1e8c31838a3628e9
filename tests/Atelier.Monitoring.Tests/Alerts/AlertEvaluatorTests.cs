using Atelier.Monitoring.Alerts;

namespace Atelier.Monitoring.Tests.Alerts;

public sealed class AlertEvaluatorTests
{
    private static readonly Metric[] Metrics = [new("cpu", "CPU", MetricKind.Percent), new("disk:/", "Disk /", MetricKind.Percent), new("disk:/data", "Disk /data", MetricKind.Percent)];
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Fires_OnlyOnceTheConditionHeldForTheRequiredTime()
    {
        var evaluator = Evaluator("cpu>80");
        var fired = Run(evaluator, [90, 90, 90, 90, 90, 90, 90]);

        // Checked at 0 s and 5 s; held since 0 s: at 5 s it has held for 5 s.
        Assert.Equal([5], fired.Where(e => e.Event.Firing).Select(e => e.Second));
    }

    [Fact]
    public void AShortSpike_NeverFires()
    {
        var fired = Run(Evaluator("cpu>80"), [10, 95, 95, 10, 95, 95, 10, 10, 10, 10, 10]);

        Assert.Empty(fired);
    }

    [Fact]
    public void Hysteresis_StopsFlappingAroundTheThreshold()
    {
        var evaluator = Evaluator("cpu>80");
        double[] values = [.. Enumerable.Repeat(90.0, 6), .. Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? 79.0 : 81.0), .. Enumerable.Repeat(70.0, 6)];

        var events = Run(evaluator, values);

        Assert.Equal([(true, 5), (false, 30)], events.Select(e => (e.Event.Firing, e.Second)));
    }

    [Fact]
    public void Levels_AreCarriedByTheirRules()
    {
        var events = Run(Evaluator("cpu>80:warn", "cpu>95:crit"), [.. Enumerable.Repeat(99.0, 6)]);

        Assert.Equal([("cpu>80:warn", AlertLevel.Warn), ("cpu>95:crit", AlertLevel.Crit)], events.Select(e => (e.Event.Rule, e.Event.Level)));
    }

    [Fact]
    public void Active_IsTheLastChecksSnapshot_NotTheSamplesSinceThen()
    {
        var evaluator = Evaluator("cpu>80");
        for (var second = 0; second <= 5; second++)
        {
            evaluator.Observe([90, 0, 0], Start.AddSeconds(second));
        }

        evaluator.Check(Start.AddSeconds(5));
        var atCheck = evaluator.Active;
        evaluator.Observe([60, 0, 0], Start.AddSeconds(6));

        Assert.Equal([90.0], evaluator.Active.Select(e => e.Value));
        Assert.Same(atCheck, evaluator.Active);
        evaluator.Check(Start.AddSeconds(10));
        Assert.Empty(evaluator.Active);
    }

    [Fact]
    public void DiskRule_WatchesEachDiskOnItsOwn()
    {
        var evaluator = Evaluator("disk>90");
        var clock = Start;
        for (var second = 0; second <= 5; second++)
        {
            evaluator.Observe([10, 95, 50], clock.AddSeconds(second));
        }

        var events = evaluator.Check(clock.AddSeconds(5));

        Assert.Equal(["disk:/"], events.Select(e => e.Metric));
        Assert.Equal(["disk:/"], evaluator.Active.Select(e => e.Metric));
    }

    [Theory]
    [InlineData("cpu>500", "'cpu>500' can never fire: 'cpu' is a percentage, from 0 to 100.")]
    [InlineData("cpu>100", "'cpu>100' can never fire: 'cpu' is a percentage, from 0 to 100.")]
    [InlineData("disk<0", "'disk<0' can never fire: 'disk' is a percentage, from 0 to 100.")]
    public void RuleThatCanNeverFire_IsAUsageError(string rule, string message)
    {
        var error = Assert.Throws<AtelierException>(() => Evaluator(rule));

        Assert.Equal((message, "AlertOptions.Rules"), (error.Message, error.Setting));
    }

    [Theory]
    [InlineData("cpu>=100")]
    [InlineData("disk<=0")]
    [InlineData("cpu>99.9%")]
    public void RuleAtTheEdgeOfAPercentage_IsTaken(string rule) => Assert.Empty(Evaluator(rule).Active);

    [Fact]
    public void UnknownMetric_IsAUsageErrorNamingTheKnownOnes()
    {
        var error = Assert.Throws<AtelierException>(() => Evaluator("temp>70"));

        Assert.Equal(("'temp>70' watches 'temp', but there is no such metric; there are cpu, disk:/, disk:/data, disk.", "AlertOptions.Rules"), (error.Message, error.Setting));
    }

    [Fact]
    public void ThresholdBelowTheHysteresis_ClearsAtHalfTheThresholdAndSaysSo()
    {
        var evaluator = Evaluator("cpu>1");
        double[] cpu = [.. Enumerable.Repeat(3.0, 10), .. Enumerable.Repeat(0.6, 10), .. Enumerable.Repeat(0.4, 10)];

        var events = Run(evaluator, cpu);

        Assert.Equal([(true, 3.0), (false, 0.4)], events.Select(e => (e.Event.Firing, e.Event.Value)));
        Assert.InRange(events[1].Second, 20, 29);
        Assert.Equal(["Alert 'cpu>1' clears below 0.5: its hysteresis is 0.5, not 5, or it could never clear."], evaluator.Notes);
    }

    [Fact]
    public void ThresholdAtItsBound_NeverClearsAndNeedsNoNote()
    {
        var evaluator = Evaluator("cpu>=0:crit");

        var events = Run(evaluator, [.. Enumerable.Repeat(0.0, 12)]);

        Assert.Equal([true], events.Select(e => e.Event.Firing));
        Assert.Empty(evaluator.Notes);
    }

    [Fact]
    public void CountRule_FiresWhenTheProcessIsGone_AndClearsAsSoonAsOneIsBack_WithoutHysteresis()
    {
        Metric[] metrics = [new("proc:nginx.count", "nginx processes", MetricKind.Count)];
        var evaluator = new AlertEvaluator(new AlertOptions { Rules = [AlertRule.Parse("proc:nginx.count<1:crit")], For = TimeSpan.FromSeconds(2), CheckEvery = TimeSpan.FromSeconds(1) }, metrics);
        var events = new List<(int Second, bool Firing)>();
        double[] counts = [4, 4, 0, 0, 0, 0, 1, 1, 0];
        for (var second = 0; second < counts.Length; second++)
        {
            var time = Start.AddSeconds(second);
            evaluator.Observe([counts[second]], time);
            events.AddRange(evaluator.Check(time).Select(e => (second, e.Firing)));
        }

        // Gone at 2 s, held for 2 s at 4 s; one back at 6 s clears at once (a percentage would wait for 1 + 5).
        Assert.Equal([(4, true), (6, false)], events);
        Assert.Empty(evaluator.Notes);
    }

    [Fact]
    public void Silence_MarksTheRulesEventsInItsWindow_OnlyThoseOfItsRule_InItsZone()
    {
        // 12:00 UTC is 14:00 in a zone two hours ahead: windows are read in the zone given.
        var zone = TimeZoneInfo.CreateCustomTimeZone("plus-two", TimeSpan.FromHours(2), "plus-two", "plus-two");
        Metric[] metrics = [new("cpu", "CPU", MetricKind.Percent), new("mem", "Memory", MetricKind.Percent)];
        var options = new AlertOptions
        {
            Rules = [AlertRule.Parse("cpu>80:crit"), AlertRule.Parse("mem>50")],
            Silences = [AlertSilence.Parse("cpu>80:crit@13:30-14:30"), AlertSilence.Parse("*@02:00-03:00")],
            For = TimeSpan.Zero,
            CheckEvery = TimeSpan.FromSeconds(1),
        };
        var evaluator = new AlertEvaluator(options, metrics, zone);
        var events = new List<AlertEvent>();
        IReadOnlyList<AlertEvent> activeAt1420 = [];
        double[][] rows = [[90, 60], [90, 60], [10, 10]];
        for (var step = 0; step < rows.Length; step++)
        {
            var time = Start.AddMinutes(step * 20);
            evaluator.Observe(rows[step], time);
            events.AddRange(evaluator.Check(time));
            activeAt1420 = step == 1 ? evaluator.Active : activeAt1420;
        }

        // At 14:00 both fire, CPU's inside its window; at 14:40 both clear, outside it.
        Assert.Equal(
            [("cpu>80:crit", true, true), ("mem>50", true, false), ("cpu>80:crit", false, false), ("mem>50", false, false)],
            events.Select(e => (e.Rule, e.Firing, e.Silenced)));
        Assert.Equal([("cpu>80:crit", true), ("mem>50", false)], activeAt1420.Select(e => (e.Rule, e.Silenced)));
    }

    [Fact]
    public void Silence_ForARuleThereIsNot_IsAUsageErrorNamingTheRules()
    {
        var options = new AlertOptions { Rules = [AlertRule.Parse("cpu>80")], Silences = [AlertSilence.Parse("cpu>90@01:00-02:00")] };

        var error = Assert.Throws<AtelierException>(() => new AlertEvaluator(options, Metrics));

        Assert.Equal("'cpu>90@01:00-02:00' names no rule: the rules are 'cpu>80' (or * for all of them).", error.Message);
    }

    private static AlertEvaluator Evaluator(params string[] rules) =>
        new(new AlertOptions { Rules = [.. rules.Select(AlertRule.Parse)] }, Metrics);

    /// <summary>One sample a second with the given CPU values; checks whenever one is due.</summary>
    private static List<(int Second, AlertEvent Event)> Run(AlertEvaluator evaluator, double[] cpu)
    {
        var events = new List<(int, AlertEvent)>();
        for (var second = 0; second < cpu.Length; second++)
        {
            var time = Start.AddSeconds(second);
            evaluator.Observe([cpu[second], 0, 0], time);
            if (evaluator.Due(time))
            {
                events.AddRange(evaluator.Check(time).Select(e => (second, e)));
            }
        }

        return events;
    }
}
