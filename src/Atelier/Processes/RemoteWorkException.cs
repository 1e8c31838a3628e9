using Atelier.Work;

namespace Atelier.Processes;

/// <summary>The handler in a worker process threw; the worker itself is still running.</summary>
/// <remarks>The message is the reason the worker reported, such as <c>FormatException: 'x' is not a number</c>.</remarks>
public sealed class RemoteWorkException : WorkItemException
{
    /// <summary>Creates the exception with the reason the worker reported.</summary>
    public RemoteWorkException(string reason)
        : base(reason)
    {
    }
}
