using System.Diagnostics.CodeAnalysis;

namespace Atelier.Work;

/// <summary>How one item ended: its value, or the exception and a reason a person can read.</summary>
/// <typeparam name="TItem">The type of the input items.</typeparam>
/// <typeparam name="TResult">The type of the values the handler returns.</typeparam>
public readonly struct WorkResult<TItem, TResult>
{
    private WorkResult(long index, int slot, TItem item, WorkStatus status, TResult? value, Exception? exception, TimeSpan elapsed)
    {
        Index = index;
        Slot = slot;
        Item = item;
        Status = status;
        Value = value;
        Exception = exception;
        Elapsed = elapsed;
    }

    /// <summary>The item's position in the input, from 0.</summary>
    public long Index { get; }

    /// <summary>The worker that ran the item.</summary>
    public int Slot { get; }

    /// <summary>The input item.</summary>
    public TItem Item { get; }

    /// <summary>How the item ended.</summary>
    public WorkStatus Status { get; }

    /// <summary>The handler's value when the item succeeded; otherwise the default.</summary>
    public TResult? Value { get; }

    /// <summary>What the handler threw when the item failed or was cancelled.</summary>
    public Exception? Exception { get; }

    /// <summary>How long the handler ran.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>True when the handler returned a value.</summary>
    [MemberNotNullWhen(false, nameof(Exception))]
    public bool Succeeded => Status == WorkStatus.Succeeded;

    /// <summary>One line saying why the item did not succeed; null when it did.</summary>
    public string? Reason => Exception is null ? null : FailureReason.Describe(Exception, Status);

    internal static WorkResult<TItem, TResult> Success(long index, int slot, TItem item, TResult value, TimeSpan elapsed) =>
        new(index, slot, item, WorkStatus.Succeeded, value, null, elapsed);

    internal static WorkResult<TItem, TResult> Failure(long index, int slot, TItem item, Exception exception, TimeSpan elapsed) =>
        new(index, slot, item, WorkStatus.Failed, default, exception, elapsed);

    internal static WorkResult<TItem, TResult> Cancellation(long index, int slot, TItem item, Exception exception, TimeSpan elapsed) =>
        new(index, slot, item, WorkStatus.Canceled, default, exception, elapsed);

    /// <inheritdoc />
    public override string ToString() =>
        Succeeded ? $"#{Index} succeeded in {Elapsed.TotalMilliseconds:0.#} ms" : $"#{Index} {Status.ToString().ToLowerInvariant()}: {Reason}";
}
