namespace Atelier.Monitoring.Dashboard;

/// <summary>The monitor's pages (the dashboard, the report) as the assembly holds them, with the script they share written in.</summary>
internal static class Pages
{
    public const string Dashboard = "Atelier.Monitoring.Dashboard.dashboard.html";

    public const string Report = "Atelier.Monitoring.Reports.report.html";

    private const string Values = "Atelier.Monitoring.Dashboard.values.js";

    /// <summary>The page, with <c>values.js</c> (units, scales, sizes) where it says <c>/*VALUES*/</c>: each page stays one file.</summary>
    public static string Read(string page) => Resource(page).Replace("/*VALUES*/", Resource(Values), StringComparison.Ordinal);

    private static string Resource(string name)
    {
        using var stream = typeof(Pages).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"'{name}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
