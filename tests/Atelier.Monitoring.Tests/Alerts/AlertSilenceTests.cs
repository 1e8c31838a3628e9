using Atelier.Monitoring.Alerts;

namespace Atelier.Monitoring.Tests.Alerts;

/// <summary>Silence windows: RULE@HH:MM-HH:MM, in local time, across midnight too.</summary>
public sealed class AlertSilenceTests
{
    [Theory]
    [InlineData("disk>90@01:00-03:30", "disk>90", "01:00", "03:30", "02:00", true)]
    [InlineData("disk>90@01:00-03:30", "disk>90", "01:00", "03:30", "03:30", false)]
    [InlineData("*@22:00-06:00", "*", "22:00", "06:00", "23:59", true)]
    [InlineData("*@22:00-06:00", "*", "22:00", "06:00", "05:59", true)]
    [InlineData("*@22:00-06:00", "*", "22:00", "06:00", "12:00", false)]
    [InlineData("cpu>80:crit@9:05-24:00", "cpu>80:crit", "09:05", "23:59:59.9999999", "23:59", true)]
    [InlineData("*@00:00-24:00", "*", "00:00", "23:59:59.9999999", "00:00", true)]
    [InlineData("*@00:00-24:00", "*", "00:00", "23:59:59.9999999", "23:59", true)]
    [InlineData("proc:a@b.count<1@07:00-08:00", "proc:a@b.count<1", "07:00", "08:00", "07:30", true)]
    public void Parse_ReadsTheRuleAndWindow_AndCoversItsTimes(string text, string rule, string from, string until, string at, bool covered)
    {
        var silence = AlertSilence.Parse(text);

        Assert.Equal((rule, TimeOnly.Parse(from), TimeOnly.Parse(until)), (silence.Rule, silence.From, silence.Until));
        Assert.Equal(covered, silence.Covers(TimeOnly.Parse(at)));
    }

    [Theory]
    [InlineData("cpu>80@25:00-26:00")]
    [InlineData("cpu>80@01:60-02:00")]
    [InlineData("cpu>80@01:00")]
    [InlineData("cpu>80")]
    [InlineData("@01:00-02:00")]
    [InlineData("cpu>80@1:00pm-2:00pm")]
    [InlineData("cpu>80@24:30-01:00")]
    [InlineData("cpu>80@24:00-01:00")]
    public void Parse_NotAWindow_IsRefusedWithTheForm(string text)
    {
        var error = Assert.Throws<AtelierException>(() => AlertSilence.Parse(text));

        Assert.StartsWith($"'{text}' is not RULE@HH:MM-HH:MM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AWindowOfNoTime_IsRefused() =>
        Assert.Equal("'cpu>80@02:00-02:00' is a window of no time: it starts where it ends.", Assert.Throws<AtelierException>(() => AlertSilence.Parse("cpu>80@02:00-02:00")).Message);

    [Fact]
    public void Silences_TheRuleAsWritten_OrEveryRule()
    {
        Assert.True(AlertSilence.Parse("disk>90@01:00-02:00").Silences(AlertRule.Parse("disk>90")));
        Assert.False(AlertSilence.Parse("disk>90@01:00-02:00").Silences(AlertRule.Parse("disk>95")));
        Assert.True(AlertSilence.Parse("*@01:00-02:00").Silences(AlertRule.Parse("load1>4")));
        Assert.Equal("disk>90@01:00-02:00", AlertSilence.Parse(" disk>90 @01:00-02:00").ToString());
        Assert.Equal("*@22:00-24:00", AlertSilence.Parse("*@22:00-24:00").ToString());
    }
}
