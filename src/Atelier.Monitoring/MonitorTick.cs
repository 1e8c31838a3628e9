using Atelier.Monitoring.Alerts;
using Atelier.Monitoring.Processes;

namespace Atelier.Monitoring;

/// <summary>A sample was taken: read its values from <see cref="SystemMonitor.Window"/>.</summary>
/// <param name="Sequence">The sample's number, from 1.</param>
/// <param name="Time">When it was taken.</param>
/// <param name="Alerts">The alerts that fired or cleared at this sample (usually none).</param>
/// <param name="Processes">The top processes at this sample, when <see cref="MonitorOptions.TopProcesses"/> asks for them.</param>
public readonly record struct MonitorTick(long Sequence, DateTimeOffset Time, IReadOnlyList<AlertEvent> Alerts, TopProcesses Processes)
{
    /// <summary>The top control groups by CPU and by memory at this sample, most CPU first, when <see cref="MonitorOptions.Cgroups"/> asks for them.</summary>
    public IReadOnlyList<Cgroups.CgroupSnapshot> Cgroups { get; init; } = [];
}
