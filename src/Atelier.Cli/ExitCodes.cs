namespace Atelier.Cli;

/// <summary>What <c>atelier</c> exits with; the same for every command.</summary>
internal static class ExitCodes
{
    /// <summary>Every item succeeded.</summary>
    public const int Success = 0;

    /// <summary>A usage error, or the work could not start.</summary>
    public const int UsageError = 1;

    /// <summary>The work ran, but some items failed.</summary>
    public const int ItemsFailed = 2;

    /// <summary><c>monitor</c> only: an alert at critical level fired.</summary>
    public const int CriticalAlert = 3;

    /// <summary>Interrupted by Ctrl-C (SIGINT).</summary>
    public const int Interrupted = 130;

    /// <summary>Terminated by SIGTERM.</summary>
    public const int Terminated = 143;
}
