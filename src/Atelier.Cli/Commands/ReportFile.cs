namespace Atelier.Cli.Commands;

/// <summary>The <c>--report FILE.jsonl</c> every batch command writes: opened before any work, so a bad path is a usage error.</summary>
internal static class ReportFile
{
    public static StreamWriter? Open(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return new StreamWriter(path, append: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AtelierException($"Cannot write the report '{path}': {e.Message}");
        }
    }
}
