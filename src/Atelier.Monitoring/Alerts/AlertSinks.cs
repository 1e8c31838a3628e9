namespace Atelier.Monitoring.Alerts;

/// <summary>Where alert events go besides the console.</summary>
public sealed record AlertSinks
{
    /// <summary>A file each event is appended to as one JSON line.</summary>
    /// <value>None.</value>
    public string? LogPath { get; init; }

    /// <summary>A shell command run for each event, with the event in ATELIER_ALERT_* environment variables (never in the command line).</summary>
    /// <value>None.</value>
    public string? Command { get; init; }

    /// <summary>A URL each event is POSTed to as JSON, retried on failure.</summary>
    /// <value>None.</value>
    public Uri? Webhook { get; init; }

    /// <summary>Whether there is any sink at all.</summary>
    public bool Any => LogPath is not null || Command is not null || Webhook is not null;
}
