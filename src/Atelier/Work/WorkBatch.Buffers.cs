using System.Buffers;

namespace Atelier.Work;

internal sealed partial class WorkBatch<TItem, TResult>
{
    /// <summary>Items quicker than this are batched with the next ones; anything slower is delivered at once.</summary>
    private static readonly TimeSpan TrivialItem = TimeSpan.FromMilliseconds(1);

    private readonly record struct Executed(WorkResult<TItem, TResult> Result, long Ended, bool Waited);

    /// <summary>A worker's results not yet delivered, in an array rented from the shared pool.</summary>
    private sealed class ResultBuffer
    {
        private const int Capacity = 64;
        private WorkResult<TItem, TResult>[]? items;
        private int count;

        public bool IsEmpty => count == 0;

        public bool IsFull => count == Capacity;

        public void Add(WorkResult<TItem, TResult> result)
        {
            items ??= ArrayPool<WorkResult<TItem, TResult>>.Shared.Rent(Capacity);
            items[count++] = result;
        }

        /// <summary>Hands the batch over; the reader returns the array to the pool.</summary>
        public ArraySegment<WorkResult<TItem, TResult>> Take()
        {
            var batch = new ArraySegment<WorkResult<TItem, TResult>>(items!, 0, count);
            items = null;
            count = 0;
            return batch;
        }
    }
}
