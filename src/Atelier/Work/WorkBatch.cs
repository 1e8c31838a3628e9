using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Atelier.Work;

/// <summary>One run of a work pool: the queue, the workers, the results, and the counts.</summary>
/// <remarks>
/// Two tokens stop a batch. <c>stop</c> (the caller's token, or the consumer leaving early) ends intake and is
/// passed to handlers; results of items that ended are still delivered. <c>abandon</c> (the consumer left) also
/// releases workers blocked on delivering a result nobody will read.
/// </remarks>
internal sealed partial class WorkBatch<TItem, TResult> : IItemProgressSink, IDisposable
{
    private readonly WorkHandler<TItem, TResult> handler;
    private readonly WorkPoolOptions options;
    private readonly IProgress<WorkProgress>? progress;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stop;
    private readonly CancellationTokenSource abandon = new();
    private long queued;
    private long running;
    private long succeeded;
    private long failed;
    private long canceled;

    private WorkBatch(WorkHandler<TItem, TResult> handler, WorkPoolOptions options, CancellationToken cancellationToken)
    {
        this.handler = handler;
        this.options = options;
        progress = options.Progress;
        time = options.TimeProvider;
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    public static IAsyncEnumerable<WorkResult<TItem, TResult>> RunAsync(
        IAsyncEnumerable<TItem> source, WorkHandler<TItem, TResult> handler, WorkPoolOptions options, CancellationToken cancellationToken) =>
        StreamAsync(handler, options, batch =>
        {
            var jobs = CreateQueue<Job>(options.QueueCapacity, singleWriter: true);
            return (new FedIntake(jobs), () => batch.FeedAsync(source, jobs.Writer, order: null));
        }, cancellationToken);

    public static IAsyncEnumerable<WorkResult<TItem, TResult>> RunAsync(
        ChannelReader<TItem> source, WorkHandler<TItem, TResult> handler, WorkPoolOptions options, CancellationToken cancellationToken) =>
        StreamAsync(handler, options, _ => (new DirectIntake(source), null), cancellationToken);

    public static async IAsyncEnumerable<WorkResult<TItem, TResult>> RunInOrderAsync(
        IAsyncEnumerable<TItem> source,
        WorkHandler<TItem, TResult> handler,
        WorkPoolOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var batch = new WorkBatch<TItem, TResult>(handler, options, cancellationToken);

        // Each item gets a completion slot, queued in input order; the bound on this queue is the bound on
        // how many finished results may wait for an earlier one.
        var order = CreateQueue<ResultSlot>(options.QueueCapacity + options.MaxDegreeOfParallelism, singleWriter: true);
        var jobs = CreateQueue<Job>(options.QueueCapacity, singleWriter: true);
        var pump = batch.PumpAsync(new FedIntake(jobs), results: null, order.Writer, () => batch.FeedAsync(source, jobs.Writer, order.Writer));
        try
        {
            // No token: the pump completes this queue however the batch ends.
            while (await order.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (order.Reader.TryRead(out var slot))
                {
                    if (await slot.Task.ConfigureAwait(false) is { } result)
                    {
                        yield return result;
                    }
                }
            }
        }
        finally
        {
            await batch.LeaveAsync(pump).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        stop.Dispose();
        abandon.Dispose();
    }

    public void ReportRunning(long index, double percent) => Report(index, WorkItemState.Running, percent);

    private static Channel<T> CreateQueue<T>(int capacity, bool singleWriter) =>
        Channel.CreateBounded<T>(new BoundedChannelOptions(capacity)
        {
            SingleReader = false,
            SingleWriter = singleWriter,
            FullMode = BoundedChannelFullMode.Wait,
        });

    private static async IAsyncEnumerable<WorkResult<TItem, TResult>> StreamAsync(
        WorkHandler<TItem, TResult> handler,
        WorkPoolOptions options,
        Func<WorkBatch<TItem, TResult>, (Intake Intake, Func<Task<Exception?>>? Feed)> setup,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var batch = new WorkBatch<TItem, TResult>(handler, options, cancellationToken);
        var (intake, feed) = setup(batch);

        // Results travel in batches (see WorkAsync); the queue is bounded in batches, a batch in items. The
        // worker delivering a batch runs the waiting consumer's continuation itself rather than queueing it:
        // a thread-pool hop per batch would cost more than the batch.
        var results = Channel.CreateBounded<ArraySegment<WorkResult<TItem, TResult>>>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            AllowSynchronousContinuations = true,
        });
        var pump = batch.PumpAsync(intake, results.Writer, order: null, feed);
        try
        {
            // No token: the pump completes this queue however the batch ends.
            while (await results.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (results.Reader.TryRead(out var delivered))
                {
                    foreach (var result in delivered)
                    {
                        yield return result;
                    }

                    ArrayPool<WorkResult<TItem, TResult>>.Shared.Return(
                        delivered.Array!, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<WorkResult<TItem, TResult>>());
                }
            }
        }
        finally
        {
            await batch.LeaveAsync(pump).ConfigureAwait(false);
        }
    }

    private async Task LeaveAsync(Task pump)
    {
        // The consumer is done (finished, broke out, or threw): stop everything and wait for the workers, so
        // no handler is still running once the enumeration has ended. The pump never throws.
        await stop.CancelAsync().ConfigureAwait(false);
        await abandon.CancelAsync().ConfigureAwait(false);
        await pump.ConfigureAwait(false);
    }
}
