using System.Text.Json;
using Atelier.Monitoring.Alerts;
using Atelier.Monitoring.Cgroups;
using Atelier.Monitoring.Processes;
using Atelier.Monitoring.Sampling;

namespace Atelier.Monitoring.Dashboard;

/// <summary>The dashboard's JSON: the window (<c>/api/samples</c>) and one sample with the alerts firing (the event stream).</summary>
internal static class SampleJson
{
    /// <summary>The window, with what the page shows around it: the host, the interval, each metric's alert thresholds, the top processes.</summary>
    public static void WriteWindow(Utf8JsonWriter json, SampleWindow window, IReadOnlyList<AlertEvent> active, IReadOnlyList<AlertRule> rules, TimeSpan interval, TopProcesses processes, IReadOnlyList<CgroupSnapshot>? cgroups = null, string? cgroupLayout = null)
    {
        json.WriteStartObject();
        json.WriteString("host", Environment.MachineName);
        json.WriteNumber("uptime_s", Environment.TickCount64 / 1000);
        json.WriteNumber("interval_s", interval.TotalSeconds);
        json.WriteNumber("capacity", window.Capacity);
        json.WriteStartArray("metrics");
        foreach (var metric in window.Metrics)
        {
            json.WriteStartObject();
            WriteMetric(json, metric, rules);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        var width = window.Metrics.Count;
        var times = new DateTimeOffset[window.Capacity];
        var rows = new double[window.Capacity * width];
        var count = window.CopyTo(times, rows);
        json.WriteStartArray("samples");
        for (var s = 0; s < count; s++)
        {
            WriteSample(json, rows.AsSpan(s * width, width), times[s], alerts: null);
        }

        json.WriteEndArray();
        Alerts(json, active);
        Processes(json, processes);
        Cgroups(json, cgroups, cgroupLayout);
        json.WriteEndObject();
    }

    /// <summary>The control groups shown (<c>cgroups</c>) and the hierarchy they come from (<c>cgroup_layout</c>), when the monitor reads them.</summary>
    private static void Cgroups(Utf8JsonWriter json, IReadOnlyList<CgroupSnapshot>? cgroups, string? layout)
    {
        if (layout is null || cgroups is null)
        {
            return;
        }

        json.WriteString("cgroup_layout", layout);
        json.WriteStartArray("cgroups");
        foreach (var group in cgroups)
        {
            group.WriteTo(json);
        }

        json.WriteEndArray();
    }

    /// <summary>A metric as the pages read it: name, label, kind, and the thresholds of the rules on it.</summary>
    public static void WriteMetric(Utf8JsonWriter json, Metric metric, IReadOnlyList<AlertRule> rules)
    {
        json.WriteString("name", metric.Name);
        json.WriteString("label", metric.Label);
        json.WriteString("kind", metric.Kind.ToString().ToLowerInvariant());
        json.WriteStartArray("thresholds");
        foreach (var rule in rules.Where(r => metric.Answers(r.MetricName)))
        {
            json.WriteStartObject();
            json.WriteString("rule", rule.Text);
            json.WriteNumber("value", rule.Threshold);
            json.WriteString("level", rule.Level == AlertLevel.Crit ? "crit" : "warn");
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void WriteSample(Utf8JsonWriter json, ReadOnlySpan<double> row, DateTimeOffset time, IReadOnlyList<AlertEvent>? alerts, TopProcesses? processes = null, IReadOnlyList<CgroupSnapshot>? cgroups = null, string? cgroupLayout = null)
    {
        json.WriteStartObject();
        json.WriteString("time", time);
        json.WriteStartArray("values");
        foreach (var value in row)
        {
            Number(json, value);
        }

        json.WriteEndArray();
        if (alerts is not null)
        {
            Alerts(json, alerts);
        }

        if (processes is not null)
        {
            Processes(json, processes);
        }

        Cgroups(json, cgroups, cgroupLayout);
        json.WriteEndObject();
    }

    /// <summary>The top processes (<c>processes.by_cpu</c>, <c>by_memory</c>), when the monitor reads them.</summary>
    private static void Processes(Utf8JsonWriter json, TopProcesses processes)
    {
        if (!ReferenceEquals(processes, TopProcesses.None))
        {
            json.WritePropertyName("processes");
            JsonSerializer.Serialize(json, processes, MonitoringJsonContext.Default.TopProcesses);
        }
    }

    /// <summary>The silence windows (<c>/api/silences</c>): each rule, its window in local time, and whether it is on now.</summary>
    public static void WriteSilences(Utf8JsonWriter json, IReadOnlyList<AlertSilence> silences, TimeOnly now)
    {
        json.WriteStartObject();
        json.WriteString("now", AlertSilence.Clock(now));
        json.WriteStartArray("silences");
        foreach (var silence in silences)
        {
            json.WriteStartObject();
            json.WriteString("rule", silence.Rule);
            json.WriteString("from", AlertSilence.Clock(silence.From));
            json.WriteString("until", AlertSilence.Clock(silence.Until));
            json.WriteBoolean("active", silence.Covers(now));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Alerts(Utf8JsonWriter json, IReadOnlyList<AlertEvent> active)
    {
        json.WriteStartArray("alerts");
        foreach (var alert in active)
        {
            JsonSerializer.Serialize(json, alert, MonitoringJsonContext.Default.AlertEvent);
        }

        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, double value)
    {
        if (double.IsNaN(value))
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteNumberValue(Math.Round(value, 3));
        }
    }
}
