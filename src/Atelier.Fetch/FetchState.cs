namespace Atelier.Fetch;

/// <summary>Where a download is: the chapter's waiting / in progress / done, and the states retries add.</summary>
public enum FetchState
{
    /// <summary>Queued, or waiting for a free slot for its host.</summary>
    Waiting,

    /// <summary>Bytes are arriving.</summary>
    Downloading,

    /// <summary>The last attempt failed; the next starts after <see cref="FetchProgress.RetryIn"/>.</summary>
    Retrying,

    /// <summary>Finished: downloaded, skipped or checked.</summary>
    Done,

    /// <summary>Finished without a file.</summary>
    Failed,
}
