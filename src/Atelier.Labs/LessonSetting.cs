namespace Atelier.Labs;

/// <summary>Something a person may change about a lesson: a whole number within bounds, a duration, or on/off.</summary>
/// <param name="Name">Its name, as an option spells it without the dashes: <c>threads</c>, <c>produce-time</c>.</param>
/// <param name="Description">One sentence saying what it changes.</param>
/// <param name="Default">Its value unless one is given: a <see cref="long"/>, a <see cref="TimeSpan"/> or a <see cref="bool"/>.</param>
/// <param name="Minimum">For a number, the least it may be.</param>
/// <param name="Maximum">For a number, the most it may be.</param>
public sealed record LessonSetting(string Name, string Description, object Default, long Minimum = 1, long Maximum = int.MaxValue)
{
    /// <summary>For a duration, the longest it may be.</summary>
    /// <value>One minute.</value>
    public TimeSpan Longest { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether the setting is a duration.</summary>
    public bool IsDuration => Default is TimeSpan;

    /// <summary>Whether the setting is on/off (an option without a value).</summary>
    public bool IsFlag => Default is bool;
}
