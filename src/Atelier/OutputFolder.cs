namespace Atelier;

/// <summary>The folder a batch writes into, made and tried before the first item: a folder that cannot take a file
/// fails the batch at once, in one line, instead of every item after its work.</summary>
public static class OutputFolder
{
    /// <summary>Creates the folder if need be and writes (then deletes) a file in it.</summary>
    /// <exception cref="AtelierException">The folder cannot be created, or a file cannot be written in it.</exception>
    public static void Prepare(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AtelierException($"Cannot create the output folder '{path}': {e.Message}", e);
        }

        var probe = Path.Combine(path, $".atelier-write-test-{Environment.ProcessId}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is UnauthorizedAccessException ? "permission denied." : e.Message.Replace(probe, Path.GetFileName(probe), StringComparison.Ordinal);
            throw new AtelierException($"Cannot write in the output folder '{path}': {reason}", e);
        }
    }
}
