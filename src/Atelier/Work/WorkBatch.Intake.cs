using System.Threading.Channels;

namespace Atelier.Work;

internal sealed partial class WorkBatch<TItem, TResult>
{
    private readonly record struct Job(long Index, TItem Item, ResultSlot? Slot);

    /// <summary>Where an item's result lands in ordered mode; null when the item never ran.</summary>
    private sealed class ResultSlot() : TaskCompletionSource<WorkResult<TItem, TResult>?>(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Where workers take items from: the pool's own queue, or a channel the caller feeds.</summary>
    private abstract class Intake
    {
        public abstract bool CountsQueued { get; }

        public abstract ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken);

        public abstract bool TryRead(out Job job);

        /// <summary>Called once the workers have stopped.</summary>
        public virtual void Close()
        {
        }
    }

    private sealed class FedIntake(Channel<Job> jobs) : Intake
    {
        public override bool CountsQueued => true;

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => jobs.Reader.WaitToReadAsync(cancellationToken);

        public override bool TryRead(out Job job) => jobs.Reader.TryRead(out job);

        public override void Close()
        {
            // Complete first: a write racing with this either lands before (and is drained here) or fails (and
            // the feeder releases its own slot). Either way no ordered consumer waits on an item that never runs.
            jobs.Writer.TryComplete();
            while (jobs.Reader.TryRead(out var job))
            {
                job.Slot?.TrySetResult(null);
            }
        }
    }

    private sealed class DirectIntake(ChannelReader<TItem> items) : Intake
    {
        private long lastIndex = -1;

        public override bool CountsQueued => false;

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => items.WaitToReadAsync(cancellationToken);

        public override bool TryRead(out Job job)
        {
            if (items.TryRead(out var item))
            {
                job = new Job(Interlocked.Increment(ref lastIndex), item, null);
                return true;
            }

            job = default;
            return false;
        }
    }
}
