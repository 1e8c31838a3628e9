using System.Globalization;
using System.Text.RegularExpressions;

namespace Atelier.Monitoring.Alerts;

/// <summary>
/// A condition on one metric: <c>cpu&gt;80</c>, <c>mem&gt;=90%:crit</c>, <c>disk&gt;90</c>, <c>load1&gt;4:warn</c>. Metric names are
/// read in any case (<c>CPU&gt;80</c>); what follows their colon (a disk's path, a process's name) as written.
/// </summary>
/// <param name="Text">The rule as written.</param>
/// <param name="MetricName">The metric it watches (<c>disk</c> watches every monitored disk).</param>
/// <param name="Above">True for &gt; and &gt;=, false for &lt; and &lt;=.</param>
/// <param name="Inclusive">True for &gt;= and &lt;=.</param>
/// <param name="Threshold">The value it compares with.</param>
/// <param name="Level">How serious it is.</param>
public sealed partial record AlertRule(string Text, string MetricName, bool Above, bool Inclusive, double Threshold, AlertLevel Level)
{
    /// <summary>The chapter's rules: cpu&gt;80, mem&gt;85, disk&gt;90, at warn level.</summary>
    public static IReadOnlyList<AlertRule> Defaults { get; } = [Parse("cpu>80"), Parse("mem>85"), Parse("disk>90")];

    /// <summary>Whether the value was written with a % sign (<c>cpu&gt;50%</c>): then the metric must be a percentage.</summary>
    public bool Percent { get; init; }

    /// <exception cref="AtelierException">The text is not METRIC&gt;VALUE[%][:warn|crit].</exception>
    public static AlertRule Parse(string text) =>
        TryParse(text, out var rule) ? rule : throw new AtelierException($"'{text}' is not METRIC>VALUE[:warn|crit] (for example cpu>80, mem>=95%:crit or load1>4).", "AlertOptions.Rules");

    /// <summary>Reads a rule: <c>cpu&gt;80</c>, <c>mem&gt;=95:crit</c>; false when the text is not one.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AlertRule? rule)
    {
        ArgumentNullException.ThrowIfNull(text);
        rule = null;
        var match = Syntax().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold))
        {
            return false;
        }

        var op = match.Groups["op"].Value;
        var level = match.Groups["level"].Success && match.Groups["level"].Value.Equals("crit", StringComparison.OrdinalIgnoreCase) ? AlertLevel.Crit : AlertLevel.Warn;
        // What a rule watches may hold ':' and spaces (cgroup:my app.service.cpu, proc:kworker/0:1.cpu): the operator ends it.
        var metric = match.Groups["metric"].Value;
        var colon = metric.IndexOf(':', StringComparison.Ordinal);
        metric = colon < 0 ? metric.ToLowerInvariant() : metric[..colon].ToLowerInvariant() + metric[colon..];
        rule = new AlertRule(text.Trim(), metric, op[0] == '>', op.Length == 2, threshold, level) { Percent = match.Groups["percent"].Success };
        return true;
    }

    /// <summary>Whether the value meets the condition.</summary>
    public bool Holds(double value) => !double.IsNaN(value) && (Above
        ? (Inclusive ? value >= Threshold : value > Threshold)
        : (Inclusive ? value <= Threshold : value < Threshold));

    /// <summary>Whether the value is far enough back across the threshold (by <paramref name="hysteresis"/>) to clear.</summary>
    public bool Clears(double value, double hysteresis) => !double.IsNaN(value) && (Above ? value < Threshold - hysteresis : value > Threshold + hysteresis);

    /// <summary>Whether the rule can ever hold for a percentage (0 to 100): <c>cpu&gt;100</c> and <c>mem&lt;0</c> cannot.</summary>
    public bool CanHoldForPercent => Above
        ? Threshold < 100 || (Threshold == 100 && Inclusive)
        : Threshold > 0 || (Threshold == 0 && Inclusive);

    [GeneratedRegex(@"^(?<metric>[a-zA-Z_]+[0-9]*(?::[^<>=]+?)?)\s*(?<op>>=|<=|>|<)\s*(?<value>[0-9]+(?:\.[0-9]+)?)(?<percent>%)?(?::(?<level>(?i:warn|crit)))?$")]
    private static partial Regex Syntax();
}
