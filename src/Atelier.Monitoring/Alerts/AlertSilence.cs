using System.Globalization;

namespace Atelier.Monitoring.Alerts;

/// <summary>
/// A time of day in which a rule fires nothing: <c>disk&gt;90@01:00-03:30</c> (the nightly backup), <c>*@22:00-06:00</c>
/// (every rule, across midnight). Inside it the rule is still evaluated and its events recorded, marked silenced; no
/// command, webhook or exit code hears of them.
/// </summary>
/// <param name="Rule">The rule as written in the rules, or <see cref="Every"/>.</param>
/// <param name="From">Where the window starts, in local time (included).</param>
/// <param name="Until">Where it ends (excluded; 24:00 is the end of the day); before <paramref name="From"/>, the window crosses midnight.</param>
public sealed record AlertSilence(string Rule, TimeOnly From, TimeOnly Until)
{
    /// <summary>The rule text that silences every rule.</summary>
    public const string Every = "*";

    /// <summary>Reads <c>RULE@HH:MM-HH:MM</c>.</summary>
    /// <exception cref="AtelierException">The text is not that, or the times are not times of a day.</exception>
    public static AlertSilence Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.LastIndexOf('@');
        var times = at < 0 ? [] : text[(at + 1)..].Split('-');
        if (at <= 0 || times.Length != 2 || !TryTime(times[0], out var from) || !TryTime(times[1], out var until) || from == EndOfDay)
        {
            throw new AtelierException($"'{text}' is not RULE@HH:MM-HH:MM (a rule as written in --alert, or *, then a window of the day in local time, for example 'disk>90@01:00-03:30' or '*@22:00-06:00').", "AlertOptions.Silences");
        }

        if (from == until)
        {
            throw new AtelierException($"'{text}' is a window of no time: it starts where it ends.", "AlertOptions.Silences");
        }

        return new AlertSilence(text[..at].Trim(), from, until);
    }

    /// <summary>Whether the window covers a local time of day.</summary>
    public bool Covers(TimeOnly time) => From < Until ? time >= From && time < Until : time >= From || time < Until;

    /// <summary>Whether it silences the rule.</summary>
    public bool Silences(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Rule == Every || Rule == rule.Text;
    }

    /// <summary>As it is written: <c>disk&gt;90@01:00-03:30</c>.</summary>
    public override string ToString() => $"{Rule}@{Clock(From)}-{Clock(Until)}";

    /// <summary>HH:MM; the end of the day is 24:00.</summary>
    public static string Clock(TimeOnly time) => time == EndOfDay ? "24:00" : time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>24:00, which only ends a window: <c>*@00:00-24:00</c> is the whole day.</summary>
    private static readonly TimeOnly EndOfDay = TimeOnly.MaxValue;

    /// <summary>HH:MM from 00:00 to 23:59, and 24:00.</summary>
    private static bool TryTime(string text, out TimeOnly time)
    {
        time = default;
        var parts = text.Trim().Split(':');
        if (parts.Length != 2 || parts[0].Length is < 1 or > 2 || parts[1].Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
        {
            return false;
        }

        time = hours == 24 ? EndOfDay : new TimeOnly(hours, minutes);
        return true;
    }
}
