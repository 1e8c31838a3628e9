namespace Atelier.Fetch.Transfer;

/// <summary>
/// The attempts Polly runs after a first attempt failed outside it: its first call reports that failure (so the
/// delay before the second attempt follows it), every later call makes a real attempt.
/// </summary>
internal sealed class Retrying(Attempt attempt, DownloadJob job, TransientFetchException firstFailure)
{
    private TransientFetchException? pending = firstFailure;

    public ValueTask NextAsync(CancellationToken cancellationToken)
    {
        if (pending is { } failure)
        {
            pending = null;
            return ValueTask.FromException(failure);
        }

        return attempt.RunAsync(job, cancellationToken);
    }
}
