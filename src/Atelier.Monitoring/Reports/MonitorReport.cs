using System.Text;
using System.Text.Json;
using Atelier.Monitoring.Alerts;
using Atelier.Monitoring.Summary;

namespace Atelier.Monitoring.Reports;

/// <summary>
/// A run to keep (<c>--report FILE.html</c>): one self-contained HTML file with a chart of each metric over the whole
/// run (its minimum, mean and maximum per point of <see cref="RunHistory"/>), each alert rule's threshold, the alerts
/// marked where they fired and cleared, the summary table, and the alert timeline with the top processes at each alert.
/// </summary>
/// <remarks>The page's code and data are in the file: it opens offline, from a mail attachment as well as a share.</remarks>
public sealed class MonitorReport
{
    private readonly IReadOnlyList<AlertRule> rules;
    private readonly TimeSpan interval;

    /// <param name="metrics">The monitor's metrics, in the order of each row.</param>
    /// <param name="rules">Its alert rules: their thresholds are drawn on the charts.</param>
    /// <param name="interval">Its interval between samples.</param>
    /// <param name="capacity">The most points kept per metric (<see cref="RunHistory.DefaultCapacity"/>).</param>
    public MonitorReport(IReadOnlyList<Metric> metrics, IReadOnlyList<AlertRule> rules, TimeSpan interval, int capacity = RunHistory.DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(rules);
        History = new RunHistory(metrics, capacity);
        this.rules = rules;
        this.interval = interval;
    }

    /// <summary>The run so far.</summary>
    public RunHistory History { get; }

    /// <summary>Adds a sample (one value per metric; NaN where there is none).</summary>
    public void Add(ReadOnlySpan<double> row, DateTimeOffset time) => History.Add(row, time);

    /// <summary>Writes the report: beside <paramref name="path"/> first, then renamed, so a half-written one never has its name.</summary>
    /// <param name="path">Where the report goes.</param>
    /// <param name="summary">The run's summary: its statistics and every alert event.</param>
    /// <param name="host">The host the run watched.</param>
    /// <exception cref="AtelierException">The report cannot be written.</exception>
    public void Write(string path, MonitorSummary summary, string host)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(summary);
        var part = path + ".part";
        try
        {
            using (var file = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024))
            {
                var (before, after) = Template();
                file.Write(before);
                // The default encoder escapes "<" (as \u003C): the data cannot end its script element early.
                using (var json = new Utf8JsonWriter(file))
                {
                    WriteData(json, summary, host);
                }

                file.Write(after);
            }

            File.Move(part, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(part))
            {
                File.Delete(part);
            }

            throw new AtelierException($"Cannot write the report '{path}': {e.Message}", e);
        }
    }

    private static (byte[] Before, byte[] After) Template()
    {
        var page = Dashboard.Pages.Read(Dashboard.Pages.Report);
        const string Marker = "/*REPORT*/null";
        var at = page.IndexOf(Marker, StringComparison.Ordinal);
        return (Encoding.UTF8.GetBytes(page[..at]), Encoding.UTF8.GetBytes(page[(at + Marker.Length)..]));
    }

    private static void Number(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(Math.Round(value, 3));
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private void WriteData(Utf8JsonWriter json, MonitorSummary summary, string host)
    {
        var history = History;
        json.WriteStartObject();
        json.WriteString("host", host);
        json.WriteNumber("samples", history.Samples);
        json.WriteNumber("interval_s", interval.TotalSeconds);
        json.WriteNumber("samples_per_point", history.SamplesPerPoint);
        if (history.Count > 0)
        {
            json.WriteString("started", history.Time(0));
            json.WriteString("ended", history.Time(history.Count - 1));
        }

        json.WriteStartArray("times");
        for (var point = 0; point < history.Count; point++)
        {
            json.WriteNumberValue(history.Time(point).ToUnixTimeMilliseconds());
        }

        json.WriteEndArray();
        json.WriteStartArray("metrics");
        for (var metric = 0; metric < history.Metrics.Count; metric++)
        {
            var m = history.Metrics[metric];
            json.WriteStartObject();
            Dashboard.SampleJson.WriteMetric(json, m, rules);
            foreach (var (name, pick) in new (string, Func<(double Min, double Mean, double Max), double>)[] { ("min", v => v.Min), ("mean", v => v.Mean), ("max", v => v.Max) })
            {
                json.WriteStartArray(name);
                for (var point = 0; point < history.Count; point++)
                {
                    Number(json, pick(history.Value(point, metric)));
                }

                json.WriteEndArray();
            }

            var statistics = summary.Metrics.FirstOrDefault(s => s.Metric.Name == m.Name);
            json.WriteStartObject("summary");
            json.WriteNumber("samples", statistics?.Samples ?? 0);
            json.WritePropertyName("min");
            Number(json, statistics?.Min ?? double.NaN);
            json.WritePropertyName("avg");
            Number(json, statistics?.Average ?? double.NaN);
            json.WritePropertyName("max");
            Number(json, statistics?.Max ?? double.NaN);
            json.WritePropertyName("p95");
            Number(json, statistics?.P95 ?? double.NaN);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("alerts");
        foreach (var alert in summary.Alerts)
        {
            JsonSerializer.Serialize(json, alert, MonitoringJsonContext.Default.AlertEvent);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
