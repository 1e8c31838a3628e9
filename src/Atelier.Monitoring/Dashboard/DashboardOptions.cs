namespace Atelier.Monitoring.Dashboard;

/// <summary>Who may read the dashboard and how: a bearer token, HTTPS, and whether command lines are shown.</summary>
public sealed class DashboardOptions
{
    /// <summary>
    /// The token <c>/api/*</c> and <c>/metrics</c> require as <c>Authorization: Bearer TOKEN</c> (Prometheus'
    /// <c>authorization</c> and <c>bearer_token_file</c> send that); the page asks for it once. Null: no token asked.
    /// </summary>
    /// <value>None.</value>
    public string? Token { get; init; }

    /// <summary>A PEM certificate to serve HTTPS with, with <see cref="KeyFile"/>; null for plain HTTP.</summary>
    /// <value>None.</value>
    public string? CertificateFile { get; init; }

    /// <summary>The PEM private key of <see cref="CertificateFile"/>.</summary>
    /// <value>None.</value>
    public string? KeyFile { get; init; }

    /// <summary>
    /// Whether top processes are served with their command lines (which may carry passwords and tokens); otherwise with
    /// the program's name only.
    /// </summary>
    /// <value>True.</value>
    public bool ShowCommands { get; init; } = true;

    /// <summary>Other hosts' monitors to show on the page, read by their own <see cref="Peers.RunAsync"/>; null for none.</summary>
    /// <value>None.</value>
    public Peers? Peers { get; init; }
}
