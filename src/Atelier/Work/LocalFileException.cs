namespace Atelier.Work;

/// <summary>Writing a local file failed (disk full, no permission, a read-only disk): not something a retry cures.</summary>
public sealed class LocalFileException : WorkItemException
{
    /// <summary>A failure to write <paramref name="path"/>, in one line naming it once.</summary>
    public LocalFileException(string path, Exception innerException)
        : base($"could not write '{path}': {Cause(innerException)}", innerException)
    {
    }

    /// <summary>
    /// The system's words for what went wrong, without the path .NET appends to them (<c>No space left on device :
    /// '/out/f1.bin.part'</c>): the message names the file once, as the user gave it.
    /// </summary>
    private static string Cause(Exception exception)
    {
        var message = exception.Message;
        var appended = message.LastIndexOf(" : '", StringComparison.Ordinal);
        return appended > 0 && message.EndsWith('\'') ? message[..appended] : message;
    }

    /// <summary>Runs a file operation, turning an I/O or permission failure into a <see cref="LocalFileException"/>.</summary>
    public static T Guard<T>(string path, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LocalFileException(path, e);
        }
    }
}
