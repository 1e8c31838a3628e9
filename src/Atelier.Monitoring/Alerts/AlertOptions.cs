namespace Atelier.Monitoring.Alerts;

/// <summary>When rules are checked, how long a condition must hold, and how far it must fall back to clear.</summary>
public sealed record AlertOptions
{
    /// <summary>The rules.</summary>
    /// <value>The chapter's: cpu&gt;80, mem&gt;85, disk&gt;90 at warn level.</value>
    public IReadOnlyList<AlertRule> Rules { get; init; } = AlertRule.Defaults;

    /// <summary>How often rules are checked.</summary>
    /// <value>5 seconds.</value>
    public TimeSpan CheckEvery { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a condition must hold before its rule fires.</summary>
    /// <value>5 seconds.</value>
    public TimeSpan For { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How far back across the threshold a value must go to clear a firing rule, in the metric's units.</summary>
    /// <value>5 (points, for percentages).</value>
    public double Hysteresis { get; init; } = 5;

    /// <summary>Times of the day in which rules fire nothing (their events are recorded, marked silenced).</summary>
    /// <value>None.</value>
    public IReadOnlyList<AlertSilence> Silences { get; init; } = [];
}
