using Atelier.Jobs.Running;

namespace Atelier.Jobs.Results;

/// <summary>
/// Where <c>--results</c> keeps each ended job's values, exit status and output, written as each job ends:
/// a folder in GNU parallel's layout, one JSON object per line (<c>.jsonl</c>), or GNU parallel's CSV (<c>.csv</c>).
/// </summary>
/// <remarks>Not thread-safe: write from the loop that receives results, before the result is disposed.</remarks>
internal abstract class JobResults : IAsyncDisposable
{
    /// <summary>Opens the kind of results <paramref name="path"/> names by its extension; any other path is a folder.</summary>
    /// <exception cref="AtelierException">The file or folder cannot be written.</exception>
    public static JobResults Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".jsonl" => new JsonLinesResults(path),
                ".csv" => new CsvResults(path),
                _ => new FolderResults(path),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AtelierException($"Cannot write results to '{path}': {e.Message}", e);
        }
    }

    /// <summary>Keeps one ended job; skipped jobs (resume) are not kept again.</summary>
    /// <exception cref="AtelierException">It cannot be written (a full disk, say).</exception>
    public async Task WriteAsync(JobResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status == JobStatus.Skipped)
        {
            return;
        }

        try
        {
            await WriteCoreAsync(result, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AtelierException($"Cannot write the results of job {result.Job.Sequence}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private protected abstract Task WriteCoreAsync(JobResult result, CancellationToken cancellationToken);
}
