namespace Atelier.Work;

/// <summary>Processes one item of a batch.</summary>
/// <typeparam name="TItem">The type of the input items.</typeparam>
/// <typeparam name="TResult">The type of the values the handler returns.</typeparam>
/// <param name="item">The item, its position and the worker running it.</param>
/// <param name="cancellationToken">Signalled when the batch is cancelled; a handler should stop soon after.</param>
/// <returns>The item's value. An exception fails this item only, never the batch.</returns>
public delegate ValueTask<TResult> WorkHandler<TItem, TResult>(WorkItem<TItem> item, CancellationToken cancellationToken);
