namespace Atelier.Monitoring.Summary;

/// <summary>A metric over a whole run.</summary>
/// <param name="Metric">Which metric.</param>
/// <param name="Samples">How many samples it had a value in.</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Average">The mean.</param>
/// <param name="Max">The largest value.</param>
/// <param name="P95">The 95th percentile (nearest rank).</param>
public sealed record MetricSummary(Metric Metric, long Samples, double Min, double Average, double Max, double P95);
