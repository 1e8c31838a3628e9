using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Atelier.Cli.Commands;

/// <summary>Options every command spells the same way, and builders for validated numbers and durations.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json(string description = "Write the results as JSON on stdout.") => new("--json") { Description = description };

    public static Option<string?> Report(string description) => new("--report") { Description = description, HelpName = "FILE.jsonl" };

    public static Option<bool> Quiet(string description = "Show no progress on stderr.") => new("--quiet", "-q") { Description = description };

    /// <summary>How every option names a default the parser does not show itself: as it shows its own, "[default: 10s]".</summary>
    public static string WithDefault(string description, string defaultValue) => $"{description} [default: {defaultValue}]";

    public static Option<int> Count(string name, int defaultValue, string description, int minimum = 1, string? alias = null)
    {
        var option = Number(name, defaultValue, description, minimum, int.MaxValue, (long value) => (int)value);
        if (alias is not null)
        {
            option.Aliases.Add(alias);
        }

        return option;
    }

    public static Option<long> Count(string name, long defaultValue, string description, long minimum, long maximum) =>
        Number(name, defaultValue, description, minimum, maximum, value => value);

    public delegate bool TryParse<T>(string text, [MaybeNullWhen(false)] out T value);

    /// <summary>An option read by <paramref name="parse"/>; a value it refuses is the one-line <paramref name="expected"/> error.</summary>
    public static Option<T> Parsed<T>(string name, string description, TryParse<T> parse, string expected, string? alias = null)
    {
        var option = ParsedOption(name, description, parse, expected);
        if (alias is not null)
        {
            option.Aliases.Add(alias);
        }

        return option;
    }

    private static Option<T> ParsedOption<T>(string name, string description, TryParse<T> parse, string expected) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (parse(text, out var value))
            {
                return value;
            }

            result.AddError($"{name} '{text}' is not {expected}.");
            return default!;
        },
    };

    /// <summary>One of <paramref name="choices"/>; <paramref name="defaultValue"/> when absent (shown in the help).</summary>
    public static Option<string> Choice(string name, string description, string defaultValue, params string[] choices) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (choices.Contains(text, StringComparer.Ordinal))
            {
                return text;
            }

            result.AddError($"{name} '{text}' is not one of {string.Join(", ", choices)}.");
            return "";
        },
    };

    /// <summary>A duration option; absent, it is null and the caller applies <paramref name="defaultValue"/>, shown as 10s, not 00:00:10.</summary>
    /// <param name="name">The option's name.</param>
    /// <param name="defaultValue">Its default, shown in the help.</param>
    /// <param name="description">What it is, without the examples the help adds.</param>
    /// <param name="longest">The longest it may be; null for no bound.</param>
    /// <param name="positive">Whether zero is refused (a sampling interval, say).</param>
    /// <param name="about">The whole description with its examples, in another language; null for the English one.</param>
    public static Option<TimeSpan?> Duration(string name, TimeSpan? defaultValue, string description, TimeSpan? longest = null, bool positive = false, string? about = null) => new(name)
    {
        Description = WithDefault(about ?? $"{description}, for example 500ms, 10s, 2m{(longest is { } most ? $"; at most {DurationSyntax.Format(most)}" : "")}.", defaultValue is { } value ? DurationSyntax.Format(value) : "none"),
        HelpName = "duration",
        CustomParser = result => ParseDuration(result, name, longest, positive),
    };

    private static Option<T> Number<T>(string name, T defaultValue, string description, long minimum, long maximum, Func<long, T> convert) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                result.AddError($"{name} '{text}' is not a whole number.");
                return defaultValue;
            }

            if (value < minimum || value > maximum)
            {
                result.AddError(value < minimum ? $"{name} '{value}' must be at least {minimum}." : $"{name} '{value}' must be at most {maximum}.");
                return defaultValue;
            }

            return convert(value);
        },
    };

    private static TimeSpan? ParseDuration(System.CommandLine.Parsing.ArgumentResult result, string name, TimeSpan? longest, bool positive)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (DurationSyntax.TryParse(text, out var duration))
        {
            if (positive && duration <= TimeSpan.Zero)
            {
                result.AddError($"{name} '{text}' must be more than zero.");
                return null;
            }

            if (duration > longest)
            {
                result.AddError($"{name} '{text}' must be at most {DurationSyntax.Format(longest.Value)}.");
                return null;
            }

            return duration;
        }

        result.AddError($"{name} '{text}' is not a duration (for example 500ms, 10s, 2m).");
        return null;
    }
}
