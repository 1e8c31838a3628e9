namespace Atelier.Jobs.Templates;

/// <summary>One <c>{...}</c> in a command template: which value it takes and how it transforms it.</summary>
/// <param name="Source">The input source, from 1; 0 for all of them (<c>{}</c>, <c>{.}</c> and the like).</param>
/// <param name="Kind">What it stands for.</param>
internal readonly record struct Placeholder(int Source, PlaceholderKind Kind)
{
    /// <summary>The text this placeholder stands for in a job.</summary>
    public string Expand(IReadOnlyList<string> values, long sequence, int slot) => Kind switch
    {
        PlaceholderKind.Sequence => sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PlaceholderKind.Slot => slot.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ when Source == 0 => values.Count == 1 ? Transform(values[0]) : string.Join(' ', values.Select(Transform)),
        _ => Source <= values.Count ? Transform(values[Source - 1]) : "",
    };

    public string Transform(string value) => Kind switch
    {
        PlaceholderKind.WithoutExtension => PathParts.WithoutExtension(value),
        PlaceholderKind.Basename => PathParts.Basename(value),
        PlaceholderKind.Dirname => PathParts.Dirname(value),
        PlaceholderKind.BasenameWithoutExtension => PathParts.WithoutExtension(PathParts.Basename(value)),
        _ => value,
    };
}
