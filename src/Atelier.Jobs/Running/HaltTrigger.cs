namespace Atelier.Jobs.Running;

/// <summary>Which ended jobs a <see cref="HaltPolicy"/> counts.</summary>
public enum HaltTrigger
{
    /// <summary>Jobs that did not succeed.</summary>
    Failure,

    /// <summary>Jobs that succeeded.</summary>
    Success,

    /// <summary>All jobs that ended.</summary>
    Done,
}
