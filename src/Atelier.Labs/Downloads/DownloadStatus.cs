namespace Atelier.Labs.Downloads;

/// <summary>The chapter's statuses.</summary>
public enum DownloadStatus
{
    /// <summary>The thread has started and waits for a free slot.</summary>
    Waiting,

    /// <summary>Bytes are arriving.</summary>
    InProgress,

    /// <summary>All bytes arrived.</summary>
    Done,

    /// <summary>Stopped by Ctrl-C.</summary>
    Canceled,
}
