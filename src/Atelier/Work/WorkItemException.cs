namespace Atelier.Work;

/// <summary>An item failed for a reason its message already says in full, such as "HTTP 404 Not Found".</summary>
/// <remarks>
/// A result's <see cref="WorkResult{TItem, TResult}.Reason"/> shows the message of this exception as it is;
/// for other exceptions it prefixes the type name.
/// </remarks>
public class WorkItemException : Exception
{
    /// <summary>Creates the exception with the reason to show.</summary>
    public WorkItemException(string reason)
        : base(reason)
    {
    }

    /// <summary>Creates the exception with the reason to show and the underlying cause.</summary>
    public WorkItemException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }
}
