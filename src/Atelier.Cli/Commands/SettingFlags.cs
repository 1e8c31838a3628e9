using System.Text.RegularExpressions;

namespace Atelier.Cli.Commands;

/// <summary>The options that set each library setting: libraries say what is wrong in their words, the CLI in its flags.</summary>
internal static class SettingFlags
{
    private static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        ["ResizeOptions.Quality"] = "--quality",
        ["ResizeOptions.NameTemplate"] = "--name",
        ["ResizeOptions.Formats"] = "--format",
        ["ResizeOptions.Sizes"] = "--size",
        ["ResizeOptions.MaxBytes"] = "--max-bytes",
        ["ResizeOptions.ManifestPath"] = "--manifest",
        ["ResizeOptions.Placeholder"] = "--placeholder",
        ["ResizeOptions.MinQuality"] = "--min-quality",
        ["CrawlOptions.AcceptRegex"] = "--accept-regex",
        ["CrawlOptions.RejectRegex"] = "--reject-regex",
        ["ResizeOptions.Fit"] = "--fit",
        ["AlertOptions.Rules"] = "--alert",
        ["AlertOptions.Silences"] = "--silence",
        ["MonitorOptions.Disks"] = "--disk",
        ["JobPlanOptions.Shell"] = "--shell",
        ["JobPlanOptions.ColumnSeparator"] = "--colsep",
        ["JobPlanOptions.Csv"] = "--csv",
        ["JobPlanOptions.Header"] = "--header",
        ["JobPlanOptions.MaxArgs"] = "-n",
        ["JobPlanOptions.Exactly"] = "-N",
        ["JobPlanOptions.ContextReplace"] = "-X",
        ["JobPlanOptions.Xargs"] = "-m",
        ["JobPlanOptions.MaxChars"] = "--max-chars",
        ["JobPlanOptions.Pipe"] = "--pipe",
        ["JobPlanOptions.PipePart"] = "--pipe-part",
        ["JobPlanOptions.RoundRobin"] = "--round-robin",
        ["JobPlanOptions.BlockSize"] = "--block",
        ["JobPlanOptions.RecordEnd"] = "--recend",
        ["JobPlanOptions.RecordStart"] = "--recstart",
        ["JobPlanOptions.JobLog"] = "--joblog",
        ["JobPlanOptions.Resume"] = "--resume",
        ["JobPlanOptions.ResumeFailed"] = "--resume-failed",
        ["JobPlanOptions.Attempts"] = "--retries",
        ["JobPlanOptions.Once"] = "--nonall",
        ["JobPlanOptions.Sources"] = "inputs (::: or ::::)",
        ["RemoteOptions.OnAll"] = "--onall",
        ["JobRunnerOptions.Skip"] = "--resume or --resume-failed",
        ["JobRecorder.Results"] = "--results",
        ["JobRunnerOptions.Lines"] = "--line-buffer",
    };

    /// <summary>
    /// The message as the user should read it: each setting it names in the library's words written as its flag
    /// (<c>--round-robin goes with --pipe or --pipe-part.</c>), or, when it names none, the flag in front
    /// (<c>--quality '101' must be between 1 and 100.</c>).
    /// </summary>
    public static string Describe(AtelierException exception)
    {
        var message = exception.Message;
        var named = false;
        foreach (var setting in exception.Settings)
        {
            if (!Flags.TryGetValue(setting, out var flag))
            {
                continue;
            }

            var word = setting[(setting.LastIndexOf('.') + 1)..];
            var replaced = Regex.Replace(message, $@"\b{word}\b", flag.Replace("$", "$$", StringComparison.Ordinal), RegexOptions.CultureInvariant);
            named |= replaced != message;
            message = replaced;
        }

        return !named && exception.Setting is { } first && Flags.TryGetValue(first, out var prefix) ? $"{prefix} {message}" : message;
    }
}
