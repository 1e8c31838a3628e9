using Atelier.Work;

namespace Atelier.Fetch.Transfer;

/// <summary>Writing the local file failed (disk full, no permission): not something a retry of the request cures.</summary>
internal sealed class LocalFileException : WorkItemException
{
    public LocalFileException(string path, Exception innerException)
        : base($"could not write '{path}': {innerException.Message}", innerException)
    {
    }

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
