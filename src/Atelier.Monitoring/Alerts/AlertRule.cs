using System.Globalization;
using System.Text.RegularExpressions;

namespace Atelier.Monitoring.Alerts;

/// <summary>A condition on one metric: <c>cpu&gt;80</c>, <c>mem&gt;=90:crit</c>, <c>disk&gt;90</c>, <c>load1&gt;4:warn</c>.</summary>
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

    /// <exception cref="AtelierException">The text is not METRIC&gt;VALUE[:warn|crit].</exception>
    public static AlertRule Parse(string text) =>
        TryParse(text, out var rule) ? rule : throw new AtelierException($"'{text}' is not METRIC>VALUE[:warn|crit] (for example cpu>80 or mem>=95:crit).", "AlertOptions.Rules");

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
        var level = match.Groups["level"].Success && match.Groups["level"].Value == "crit" ? AlertLevel.Crit : AlertLevel.Warn;
        rule = new AlertRule(text.Trim(), match.Groups["metric"].Value, op[0] == '>', op.Length == 2, threshold, level);
        return true;
    }

    /// <summary>Whether the value meets the condition.</summary>
    public bool Holds(double value) => !double.IsNaN(value) && (Above
        ? (Inclusive ? value >= Threshold : value > Threshold)
        : (Inclusive ? value <= Threshold : value < Threshold));

    /// <summary>Whether the value is far enough back across the threshold (by <paramref name="hysteresis"/>) to clear.</summary>
    public bool Clears(double value, double hysteresis) => !double.IsNaN(value) && (Above ? value < Threshold - hysteresis : value > Threshold + hysteresis);

    [GeneratedRegex(@"^(?<metric>[a-z_]+[0-9]*(?::[^<>=:]+)?)\s*(?<op>>=|<=|>|<)\s*(?<value>[0-9]+(?:\.[0-9]+)?)(?::(?<level>warn|crit))?$")]
    private static partial Regex Syntax();
}
