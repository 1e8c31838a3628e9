using NetVips;

namespace Atelier.Imaging.Processing;

/// <summary>libvips' messages, shortened to the line that says what is wrong with the file.</summary>
internal static class VipsErrors
{
    private const int MaxLength = 200;

    public static string Describe(VipsException exception)
    {
        var lines = exception.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("unable to call", StringComparison.Ordinal) && !line.StartsWith("unable to load", StringComparison.Ordinal))
            .ToList();
        var text = lines.Count > 0 ? lines[0] : exception.Message.Trim();
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 1), "…");
    }
}
