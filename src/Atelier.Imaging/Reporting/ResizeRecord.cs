
namespace Atelier.Imaging.Reporting;

/// <summary>One report line: an input, as JSON shows it.</summary>
/// <param name="Path">The input file.</param>
/// <param name="Status">resized, skipped, failed or canceled.</param>
/// <param name="Outputs">The files written (or found up to date).</param>
/// <param name="Skipped">Why it was skipped.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="DurationMs">Time spent on it, in milliseconds.</param>
public sealed record ResizeRecord(string Path, string Status, IReadOnlyList<OutputRecord> Outputs, string? Skipped, string? Error, double DurationMs)
{
    /// <summary>The record of a result.</summary>
    public static ResizeRecord From(ResizeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ResizeRecord(
            result.Path,
            result.Status.ToString().ToLowerInvariant(),
            [.. result.Outputs.Select(o => new OutputRecord(o.Path, o.Width, o.Height, o.Bytes, o.KeptSize, o.Quality, o.Score is { } score ? Math.Round(score, 4) : null) { Encodes = o.Encodes, Shrunk = Math.Round(o.Shrunk, 3) })],
            result.Status == ResizeStatus.Skipped ? result.Reason : null,
            result.Status is ResizeStatus.Failed or ResizeStatus.Canceled ? result.Reason : null,
            Math.Round(result.Duration.TotalMilliseconds, 1));
    }

    /// <summary>The result as one line of JSON (no newline).</summary>
    public static string Line(ResizeResult result) => ReadableJson.Serialize(From(result), ImagingJsonContext.Default.ResizeRecord);
}
