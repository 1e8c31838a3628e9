using Atelier.Work;

namespace Atelier.Fetch.Transfer;

/// <summary>An attempt failed in a way another attempt may not: it is retried, resuming what was written.</summary>
internal sealed class TransientFetchException : WorkItemException
{
    public TransientFetchException(string reason, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(reason, innerException ?? new InvalidOperationException(reason))
    {
        RetryAfter = retryAfter;
    }

    /// <summary>The wait the server asked for with Retry-After.</summary>
    public TimeSpan? RetryAfter { get; }
}
