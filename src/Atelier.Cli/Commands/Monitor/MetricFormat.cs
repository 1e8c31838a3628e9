using System.Globalization;
using Atelier.Cli.Rendering;
using Atelier.Monitoring;

namespace Atelier.Cli.Commands.Monitor;

/// <summary>How the monitor writes a value for people: 12.5%, 0.52, 1.2 MiB/s; n/a when unavailable.</summary>
internal static class MetricFormat
{
    public static string Value(Metric metric, double value) => double.IsNaN(value) ? "n/a" : metric.Kind switch
    {
        MetricKind.Percent => string.Create(CultureInfo.InvariantCulture, $"{value:0.0}%"),
        MetricKind.Load => string.Create(CultureInfo.InvariantCulture, $"{value:0.00}"),
        MetricKind.Celsius => string.Create(CultureInfo.InvariantCulture, $"{value:0.0}°C"),
        MetricKind.Count => string.Create(CultureInfo.InvariantCulture, $"{value:0}"),
        _ => $"{Sizes.Format((long)value)}/s",
    };

    /// <summary>The metrics the one-line-per-sample output shows, as the chapter's monitor did: CPU, memory, disks, load.</summary>
    public static bool InPlainLine(Metric metric) =>
        metric.Name is "cpu" or "mem" or "load1" || metric.Name.StartsWith("disk:", StringComparison.Ordinal)
        || (metric.Name.StartsWith("cpu", StringComparison.Ordinal) && metric.Name.Length > 3);
}
