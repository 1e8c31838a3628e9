using System.Globalization;
using Atelier.Monitoring.Summary;
using Spectre.Console;

namespace Atelier.Cli.Commands.Monitor;

/// <summary>The end of a run: each metric's min, average, max and p95, and the alerts that fired.</summary>
internal static class MonitorSummaryWriter
{
    public static void Write(IAnsiConsole console, TextWriter output, MonitorSummary summary, IReadOnlyList<string> notes, bool interrupted)
    {
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{summary.Samples} sample{(summary.Samples == 1 ? "" : "s")} over {summary.Duration.TotalSeconds:0} s"))) }
            .AddColumn("metric").AddColumn(new TableColumn("min").RightAligned()).AddColumn(new TableColumn("avg").RightAligned())
            .AddColumn(new TableColumn("max").RightAligned()).AddColumn(new TableColumn("p95").RightAligned());
        foreach (var metric in summary.Metrics)
        {
            table.AddRow(
                new Text(metric.Metric.Label),
                new Text(MetricFormat.Value(metric.Metric, metric.Min)),
                new Text(MetricFormat.Value(metric.Metric, metric.Average)),
                new Text(MetricFormat.Value(metric.Metric, metric.Max)),
                new Text(MetricFormat.Value(metric.Metric, metric.P95)));
        }

        console.Write(table);
        foreach (var note in notes)
        {
            output.WriteLine(note);
        }

        var fired = summary.Alerts.Where(a => a.Firing).ToList();
        output.WriteLine(fired.Count == 0
            ? $"{(interrupted ? "Interrupted. " : "")}No alert fired."
            : $"{(interrupted ? "Interrupted. " : "")}Alerts fired: {string.Join("; ", fired.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Level.ToString().ToLowerInvariant()} {a.Rule} at {a.Time.ToLocalTime():HH:mm:ss} ({a.Metric} = {a.Value:0.#}){(a.Silenced ? ", silenced" : "")}")))}.");
    }
}
