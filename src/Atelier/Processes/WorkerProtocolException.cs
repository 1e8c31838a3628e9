using Atelier.Work;

namespace Atelier.Processes;

/// <summary>A worker process wrote something that is not a protocol message; it is killed and replaced.</summary>
public sealed class WorkerProtocolException : WorkItemException
{
    /// <summary>Creates the exception with what went wrong.</summary>
    public WorkerProtocolException(string reason)
        : base(reason)
    {
    }

    /// <summary>Creates the exception with what went wrong and the parser's error.</summary>
    public WorkerProtocolException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }
}
