namespace Atelier.Monitoring.Alerts;

/// <summary>An alert firing or clearing.</summary>
/// <param name="Time">When it was checked.</param>
/// <param name="Rule">The rule as written.</param>
/// <param name="Metric">The metric it concerns.</param>
/// <param name="Value">The metric's value then.</param>
/// <param name="Level">How serious the rule is.</param>
/// <param name="Firing">True when it fires, false when it clears.</param>
public sealed record AlertEvent(DateTimeOffset Time, string Rule, string Metric, double Value, AlertLevel Level, bool Firing)
{
    /// <summary>
    /// When a CPU or memory alert fires, the processes using the most of it at that moment (by CPU, or by memory):
    /// the answer to "which process?"; null for other metrics and for clearing.
    /// </summary>
    public IReadOnlyList<Processes.ProcessSnapshot>? Processes { get; init; }

    /// <summary>True when a silence window covered its rule at its time: recorded and shown, but no command, webhook or exit code hears of it.</summary>
    public bool Silenced { get; init; }
}
