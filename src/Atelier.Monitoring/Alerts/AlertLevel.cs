namespace Atelier.Monitoring.Alerts;

/// <summary>How serious an alert is; a critical one makes <c>atelier monitor</c> exit with 3.</summary>
public enum AlertLevel
{
    /// <summary>Worth a look.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("warn")]
    Warn,

    /// <summary>Needs action.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("crit")]
    Crit,
}
