namespace Atelier.Jobs.Running;

/// <summary>A job's program could not be started: it does not exist, is not executable, or the system refused.</summary>
/// <remarks>The job fails with this message and exit code 127, as a shell reports a command it cannot run.</remarks>
public sealed class JobStartException : Exception
{
    /// <summary>Creates the exception with a message that names the program.</summary>
    public JobStartException(string message)
        : base(message)
    {
    }
}
