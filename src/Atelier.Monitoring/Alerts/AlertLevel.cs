namespace Atelier.Monitoring.Alerts;

/// <summary>How serious an alert is; a critical one makes <c>atelier monitor</c> exit with 3.</summary>
public enum AlertLevel
{
    /// <summary>Worth a look.</summary>
    Warn,

    /// <summary>Needs action.</summary>
    Crit,
}
