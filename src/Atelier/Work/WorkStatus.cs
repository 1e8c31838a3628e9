namespace Atelier.Work;

/// <summary>How an item ended.</summary>
public enum WorkStatus
{
    /// <summary>The handler returned a value.</summary>
    Succeeded,

    /// <summary>The handler threw; the result carries the exception and a reason.</summary>
    Failed,

    /// <summary>The batch was cancelled while the item was running.</summary>
    Canceled,
}
