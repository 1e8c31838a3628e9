namespace Atelier.Monitoring;

/// <summary>What a metric's numbers mean.</summary>
public enum MetricKind
{
    /// <summary>A share, 0 to 100.</summary>
    Percent,

    /// <summary>A load average: runnable tasks.</summary>
    Load,

    /// <summary>A rate in bytes per second.</summary>
    BytesPerSecond,

    /// <summary>A temperature in degrees Celsius.</summary>
    Celsius,

    /// <summary>A number of things: how many processes of a name run.</summary>
    Count,
}
