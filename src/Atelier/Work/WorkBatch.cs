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

    public WorkBatch(WorkHandler<TItem, TResult> handler, WorkPoolOptions options, CancellationToken cancellationToken)
    {
        this.handler = handler;
        this.options = options;
        progress = options.Progress;
        time = options.TimeProvider;
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    public void Dispose()
    {
        stop.Dispose();
        abandon.Dispose();
    }

    public async IAsyncEnumerable<WorkResult<TItem, TResult>> RunUnorderedAsync(IAsyncEnumerable<TItem> source)
    {
        var jobs = CreateQueue<Job>(options.QueueCapacity, singleWriter: true);
        var results = CreateQueue<WorkResult<TItem, TResult>>(options.QueueCapacity, singleWriter: false);
        var pump = PumpAsync(new FedIntake(jobs), results.Writer, order: null, () => FeedAsync(source, jobs.Writer, order: null));
        try
        {
            while (await results.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (results.Reader.TryRead(out var result))
                {
                    yield return result;
                }
            }
        }
        finally
        {
            await LeaveAsync(pump).ConfigureAwait(false);
        }
    }

    public async IAsyncEnumerable<WorkResult<TItem, TResult>> RunDirectAsync(ChannelReader<TItem> source)
    {
        var results = CreateQueue<WorkResult<TItem, TResult>>(options.QueueCapacity, singleWriter: false);
        var pump = PumpAsync(new DirectIntake(source), results.Writer, order: null, feed: null);
        try
        {
            while (await results.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (results.Reader.TryRead(out var result))
                {
                    yield return result;
                }
            }
        }
        finally
        {
            await LeaveAsync(pump).ConfigureAwait(false);
        }
    }

    public async IAsyncEnumerable<WorkResult<TItem, TResult>> RunOrderedAsync(IAsyncEnumerable<TItem> source)
    {
        // Each item gets a completion slot, queued in input order; the bound on this queue is the bound on
        // how many finished results may wait for an earlier one.
        var order = CreateQueue<ResultSlot>(options.QueueCapacity + options.MaxDegreeOfParallelism, singleWriter: true);
        var jobs = CreateQueue<Job>(options.QueueCapacity, singleWriter: true);
        var pump = PumpAsync(new FedIntake(jobs), results: null, order.Writer, () => FeedAsync(source, jobs.Writer, order.Writer));
        try
        {
            while (await order.Reader.WaitToReadAsync().ConfigureAwait(false))
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
            await LeaveAsync(pump).ConfigureAwait(false);
        }
    }

    public void ReportRunning(long index, double percent) => Report(index, WorkItemState.Running, percent);

    private static Channel<T> CreateQueue<T>(int capacity, bool singleWriter) =>
        Channel.CreateBounded<T>(new BoundedChannelOptions(capacity)
        {
            SingleReader = false,
            SingleWriter = singleWriter,
            FullMode = BoundedChannelFullMode.Wait,
        });

    private async Task LeaveAsync(Task pump)
    {
        // The consumer is done (finished, broke out, or threw): stop everything and wait for the workers, so
        // no handler is still running once the enumeration has ended. The pump never throws.
        await stop.CancelAsync().ConfigureAwait(false);
        await abandon.CancelAsync().ConfigureAwait(false);
        await pump.ConfigureAwait(false);
    }
}
