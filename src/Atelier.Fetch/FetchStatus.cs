namespace Atelier.Fetch;

/// <summary>How a request ended.</summary>
public enum FetchStatus
{
    /// <summary>The file was saved complete (and matched its checksum, if one was given).</summary>
    Downloaded,

    /// <summary>A file of that name existed and the options said to leave it.</summary>
    Skipped,

    /// <summary>With <see cref="FetchOptions.Newer"/>: the server said the file has not changed (304); it was left as it is.</summary>
    UpToDate,

    /// <summary>Probed only: the body was read and discarded.</summary>
    Checked,

    /// <summary>It failed; the result says why. No file was left but, at most, a <c>.part</c> to resume.</summary>
    Failed,

    /// <summary>Interrupted; its <c>.part</c> file, if any, can be resumed.</summary>
    Canceled,
}
