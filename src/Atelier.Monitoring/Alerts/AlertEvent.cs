namespace Atelier.Monitoring.Alerts;

/// <summary>An alert firing or clearing.</summary>
/// <param name="Time">When it was checked.</param>
/// <param name="Rule">The rule as written.</param>
/// <param name="Metric">The metric it concerns.</param>
/// <param name="Value">The metric's value then.</param>
/// <param name="Level">How serious the rule is.</param>
/// <param name="Firing">True when it fires, false when it clears.</param>
public sealed record AlertEvent(DateTimeOffset Time, string Rule, string Metric, double Value, AlertLevel Level, bool Firing);
