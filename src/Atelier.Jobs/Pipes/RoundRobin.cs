using System.Collections.Concurrent;
using System.Runtime.Versioning;
using Atelier.Jobs.Unix;

namespace Atelier.Jobs.Pipes;

/// <summary>
/// A fixed set of jobs sharing one stream of blocks (<c>--round-robin</c>): each job takes the next block whenever
/// it has taken the last one, so a slow job gets fewer; its stdin closes when the blocks run out.
/// </summary>
internal static class RoundRobin
{
    /// <summary>The stdin of each of <paramref name="jobs"/> jobs; the blocks are read as the jobs take them.</summary>
    /// <remarks>
    /// Each job gets the header once, before its first block (as GNU parallel does); a job that starts after the others
    /// took every block gets nothing. A job that ends early leaves the rest to the others.
    /// </remarks>
    public static IReadOnlyList<JobInput> Share(IEnumerable<MemoryBlock> blocks, int jobs)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var shared = new SharedBlocks(blocks, jobs);
        return [.. Enumerable.Range(0, jobs).Select(_ => new SharedInput(shared))];
    }

    /// <summary>The blocks, read on a thread of their own into a queue of one.</summary>
    private sealed class SharedBlocks(IEnumerable<MemoryBlock> blocks, int readers)
    {
        private readonly BlockingCollection<MemoryBlock> queue = new(boundedCapacity: 1);
        private readonly CancellationTokenSource stop = new();
        private readonly Lock gate = new();
        private Task? producer;
        private AtelierException? failure;
        private int left = readers;

        /// <summary>The next block; null when there are no more.</summary>
        /// <exception cref="IOException">Reading the input failed.</exception>
        public MemoryBlock? Take()
        {
            lock (gate)
            {
                producer ??= Task.Factory.StartNew(Produce, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }

            if (queue.TryTake(out var block, Timeout.Infinite))
            {
                return block;
            }

            if (Volatile.Read(ref failure) is { } failed)
            {
                throw new IOException(failed.Message, failed);
            }

            return null;
        }

        /// <summary>A job stopped taking blocks; when the last one has, reading stops and what is left is given back.</summary>
        public void Leave()
        {
            if (Interlocked.Decrement(ref left) > 0)
            {
                return;
            }

            stop.Cancel();
            while (queue.TryTake(out var block))
            {
                block.Dispose();
            }
        }

        private void Produce()
        {
            try
            {
                foreach (var block in blocks)
                {
                    try
                    {
                        queue.Add(block, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        block.Dispose();
                        return;
                    }
                }
            }
            catch (AtelierException e)
            {
                Volatile.Write(ref failure, e);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }
    }

    private sealed class SharedInput(SharedBlocks shared) : JobInput
    {
        private long sent;

        /// <summary>What this job was given so far.</summary>
        public override long Length => Volatile.Read(ref sent);

        /// <inheritdoc />
        public override byte[] ToArray() => throw new NotSupportedException("Round robin input is read by its job as it comes; it cannot be sent as one block.");

        [SupportedOSPlatform("linux")]
        internal override bool WriteTo(InputPipe pipe)
        {
            try
            {
                var first = true;
                while (shared.Take() is { } block)
                {
                    using (block)
                    {
                        var written = block.WriteTo(pipe, withHeader: first);
                        Interlocked.Add(ref sent, first ? block.Length : block.Data.Length);
                        first = false;
                        if (!written)
                        {
                            return false;
                        }
                    }
                }

                return true;
            }
            finally
            {
                shared.Leave();
            }
        }
    }
}
