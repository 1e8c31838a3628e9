using System.Globalization;

namespace Atelier.Cli.Commands;

/// <summary>Durations as people type them: <c>500ms</c>, <c>10s</c>, <c>1.5s</c>, <c>2m</c>, <c>1h</c>; a bare number is seconds.</summary>
internal static class DurationSyntax
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var span = text.AsSpan().Trim();
        var (unit, factor) = span switch
        {
            _ when span.EndsWith("ms", StringComparison.Ordinal) => (2, TimeSpan.FromMilliseconds(1)),
            _ when span.EndsWith('s') => (1, TimeSpan.FromSeconds(1)),
            _ when span.EndsWith('m') => (1, TimeSpan.FromMinutes(1)),
            _ when span.EndsWith('h') => (1, TimeSpan.FromHours(1)),
            _ => (0, TimeSpan.FromSeconds(1)),
        };

        if (!double.TryParse(span[..^unit], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || double.IsInfinity(amount) || amount * factor.TotalSeconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        duration = factor * amount;
        return true;
    }

    /// <summary>The shortest way to write the duration back: 250ms, 10s, 1.5s, 2m, 1h.</summary>
    public static string Format(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.###}ms"),
        { TotalMinutes: < 1 } or { Seconds: not 0 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###}s"),
        { TotalHours: < 1 } or { Minutes: not 0 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMinutes:0.###}m"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalHours:0.###}h"),
    };
}
