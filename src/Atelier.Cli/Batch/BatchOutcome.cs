namespace Atelier.Cli.Batch;

/// <summary>How one result of a batch ended, as the details list it.</summary>
internal enum BatchOutcome
{
    /// <summary>It did what was asked (or was skipped on purpose).</summary>
    Succeeded,

    /// <summary>It failed: a failure counts against the exit code.</summary>
    Failed,

    /// <summary>It was interrupted (Ctrl-C): neither done nor failed.</summary>
    Interrupted,
}
