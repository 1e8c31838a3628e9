using System.Threading.Channels;

namespace Atelier.Work;

/// <summary>
/// Runs a handler over a stream of items with a bounded degree of parallelism, over a bounded queue.
/// </summary>
/// <remarks>
/// <para>Items are pulled from the source only as the queue has room, so the source may be larger than memory.
/// Each item ends as a <see cref="WorkResult{TItem, TResult}"/>: a handler's exception fails that item only.</para>
/// <para>Cancelling the token stops intake; running items see the token through their handler, the results
/// of items that ended (including those cancelled while running, with <see cref="WorkStatus.Canceled"/>) are
/// still yielded, and the sequence then ends without throwing. Items still in the queue are dropped.</para>
/// <para>An exception thrown by the source ends the sequence with that exception, after the results of the
/// items already taken.</para>
/// <para>The caller's loop body may run on the thread of the worker that delivered the result: a body that
/// blocks for long holds that worker meanwhile (an awaiting body does not).</para>
/// </remarks>
public static class WorkPool
{
    /// <summary>Runs <paramref name="handler"/> over an asynchronous source.</summary>
    /// <returns>The results, as they complete or in input order (<see cref="WorkPoolOptions.PreserveOrder"/>).</returns>
    public static IAsyncEnumerable<WorkResult<TItem, TResult>> RunAsync<TItem, TResult>(
        IAsyncEnumerable<TItem> source,
        WorkHandler<TItem, TResult> handler,
        WorkPoolOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new WorkPoolOptions();
        return options.PreserveOrder
            ? WorkBatch<TItem, TResult>.RunInOrderAsync(source, handler, options, cancellationToken)
            : WorkBatch<TItem, TResult>.RunAsync(source, handler, options, cancellationToken);
    }

    /// <summary>Runs <paramref name="handler"/> over a source enumerated lazily on a worker thread.</summary>
    /// <returns>The results, as they complete or in input order (<see cref="WorkPoolOptions.PreserveOrder"/>).</returns>
    public static IAsyncEnumerable<WorkResult<TItem, TResult>> RunAsync<TItem, TResult>(
        IEnumerable<TItem> source,
        WorkHandler<TItem, TResult> handler,
        WorkPoolOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return RunAsync(source.ToAsyncEnumerable(), handler, options, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="handler"/> over the items other tasks write to a channel: the pool's workers are
    /// that channel's consumers, and the channel is the bounded queue.
    /// </summary>
    /// <remarks>The sequence ends when the channel's writer completes. Indexes follow the order items are read.</remarks>
    /// <returns>The results, as they complete or in input order (<see cref="WorkPoolOptions.PreserveOrder"/>).</returns>
    public static IAsyncEnumerable<WorkResult<TItem, TResult>> RunAsync<TItem, TResult>(
        ChannelReader<TItem> source,
        WorkHandler<TItem, TResult> handler,
        WorkPoolOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new WorkPoolOptions();
        return options.PreserveOrder
            ? WorkBatch<TItem, TResult>.RunInOrderAsync(source.ReadAllAsync(CancellationToken.None), handler, options, cancellationToken)
            : WorkBatch<TItem, TResult>.RunAsync(source, handler, options, cancellationToken);
    }
}
