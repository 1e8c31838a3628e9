namespace Atelier.Cli.Commands;

/// <summary>The options that set each library setting: libraries say what is wrong with a value, the CLI says which option gave it.</summary>
internal static class SettingFlags
{
    private static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        ["ResizeOptions.Quality"] = "--quality",
        ["ResizeOptions.NameTemplate"] = "--name",
        ["AlertOptions.Rules"] = "--alert",
        ["MonitorOptions.Disks"] = "--disk",
    };

    /// <summary>The message as the user should read it: "--quality '101' must be between 1 and 100."</summary>
    public static string Describe(AtelierException exception) =>
        exception.Setting is { } setting && Flags.TryGetValue(setting, out var flag) ? $"{flag} {exception.Message}" : exception.Message;
}
