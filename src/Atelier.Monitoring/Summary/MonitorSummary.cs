using Atelier.Monitoring.Alerts;

namespace Atelier.Monitoring.Summary;

/// <summary>What a monitoring run saw: each metric's statistics and every alert that fired or cleared.</summary>
/// <param name="Samples">How many samples were taken.</param>
/// <param name="Duration">From the first sample to the last.</param>
/// <param name="Metrics">Each metric's statistics.</param>
/// <param name="Alerts">Every alert event, in order.</param>
public sealed record MonitorSummary(long Samples, TimeSpan Duration, IReadOnlyList<MetricSummary> Metrics, IReadOnlyList<AlertEvent> Alerts)
{
    /// <summary>Whether a critical alert fired during the run, outside its silences.</summary>
    public bool CriticalFired => Alerts.Any(a => a.Firing && a.Level == AlertLevel.Crit && !a.Silenced);
}
