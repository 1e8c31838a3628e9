using Atelier.Monitoring.Alerts;

namespace Atelier.Monitoring.Tests.Alerts;

public sealed class AlertRuleTests
{
    [Theory]
    [InlineData("cpu>80", "cpu", true, false, 80, AlertLevel.Warn)]
    [InlineData("mem>=95.5:crit", "mem", true, true, 95.5, AlertLevel.Crit)]
    [InlineData("load1 < 0.5:warn", "load1", false, false, 0.5, AlertLevel.Warn)]
    [InlineData("disk:/data>90", "disk:/data", true, false, 90, AlertLevel.Warn)]
    [InlineData("cpu>50%", "cpu", true, false, 50, AlertLevel.Warn)]
    [InlineData("CPU>50:CRIT", "cpu", true, false, 50, AlertLevel.Crit)]
    [InlineData("Disk:/Data>=90%", "disk:/Data", true, true, 90, AlertLevel.Warn)]
    [InlineData("cgroup:a:b.scope.cpu>80:crit", "cgroup:a:b.scope.cpu", true, false, 80, AlertLevel.Crit)]
    [InlineData("cgroup:my app.service.mem >= 90", "cgroup:my app.service.mem", true, true, 90, AlertLevel.Warn)]
    [InlineData("proc:kworker/0:1.cpu>5", "proc:kworker/0:1.cpu", true, false, 5, AlertLevel.Warn)]
    public void Parse_ReadsMetricOperatorThresholdAndLevel(string text, string metric, bool above, bool inclusive, double threshold, AlertLevel level)
    {
        var rule = AlertRule.Parse(text);

        Assert.Equal((metric, above, inclusive, threshold, level), (rule.MetricName, rule.Above, rule.Inclusive, rule.Threshold, rule.Level));
    }

    [Theory]
    [InlineData("cpu>>80")]
    [InlineData("cpu80")]
    [InlineData("cpu>80:panic")]
    [InlineData(">80")]
    public void Parse_Malformed_IsAOneLineUsageError(string text)
    {
        var error = Assert.Throws<AtelierException>(() => AlertRule.Parse(text));

        Assert.Equal(($"'{text}' is not METRIC>VALUE[:warn|crit] (for example cpu>80, mem>=95%:crit or load1>4).", "AlertOptions.Rules"), (error.Message, error.Setting));
        Assert.False(AlertRule.TryParse(text, out _));
    }

    [Fact]
    public void Holds_AndClears_RespectTheOperatorAndHysteresis()
    {
        var above = AlertRule.Parse("cpu>80");
        var below = AlertRule.Parse("mem<20");

        Assert.Equal([false, true], new[] { 80.0, 80.1 }.Select(above.Holds));
        Assert.Equal([false, true], new[] { 75.0, 74.9 }.Select(v => above.Clears(v, 5)));
        Assert.Equal([true, false], new[] { 19.9, 20.0 }.Select(below.Holds));
        Assert.Equal([false, true], new[] { 25.0, 25.1 }.Select(v => below.Clears(v, 5)));
        Assert.False(above.Holds(double.NaN));
    }
}
