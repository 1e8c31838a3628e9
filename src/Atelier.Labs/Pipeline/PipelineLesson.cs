using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;

namespace Atelier.Labs.Pipeline;

/// <summary>Producers and consumers joined by a bounded queue: a <see cref="Channel"/> with a capacity.</summary>
internal static class PipelineLesson
{
    /// <summary>The lesson as <c>atelier lab pipeline</c> runs it.</summary>
    public static Lesson Definition { get; } = new LessonOf<PipelineOptions>(
        "pipeline",
        _ => new PipelineOptions(),
        [
            LessonOf<PipelineOptions>.Number("capacity", o => o.Capacity, (o, v) => o with { Capacity = v }, 1, 10_000),
            LessonOf<PipelineOptions>.Number("producers", o => o.Producers, (o, v) => o with { Producers = v }, 1, 64),
            LessonOf<PipelineOptions>.Number("consumers", o => o.Consumers, (o, v) => o with { Consumers = v }, 1, 64),
            LessonOf<PipelineOptions>.Number("items", o => o.Items, (o, v) => o with { Items = v }, 0, 1_000_000),
            LessonOf<PipelineOptions>.Duration("produce-time", o => o.ProduceTime, (o, v) => o with { ProduceTime = v }, TimeSpan.FromSeconds(10)),
            LessonOf<PipelineOptions>.Duration("consume-time", o => o.ConsumeTime, (o, v) => o with { ConsumeTime = v }, TimeSpan.FromSeconds(10)),
        ],
        (options, _, ct) => Run(RunAsync(options, ct)));

    /// <summary>Runs the producers and consumers to the end and checks every item was processed once.</summary>
    public static async Task<PipelineReport> RunAsync(PipelineOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Producers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Consumers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Items, 0);

        var queue = Channel.CreateBounded<string>(new BoundedChannelOptions(options.Capacity) { FullMode = BoundedChannelFullMode.Wait });
        var processed = new ConcurrentDictionary<string, int>();
        var highWaterMark = 0;
        var producerWaits = 0;

        async Task ProduceAsync(int producer)
        {
            for (var i = 1; i <= options.Items; i++)
            {
                await Task.Delay(options.ProduceTime, cancellationToken).ConfigureAwait(false);
                var item = Figures.Invariant($"p{producer}-{i:000}");
                if (!queue.Writer.TryWrite(item))
                {
                    Interlocked.Increment(ref producerWaits);
                    await queue.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                }

                // Read after the write: the bound is enforced by the channel, this only observes it.
                InterlockedMax(ref highWaterMark, queue.Reader.Count);
            }
        }

        async Task<int> ConsumeAsync()
        {
            var count = 0;
            await foreach (var item in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await Task.Delay(options.ConsumeTime, cancellationToken).ConfigureAwait(false);
                processed.AddOrUpdate(item, 1, (_, seen) => seen + 1);
                count++;
            }

            return count;
        }

        var clock = Stopwatch.StartNew();
        var consumers = Enumerable.Range(0, options.Consumers).Select(_ => ConsumeAsync()).ToList();
        try
        {
            await Task.WhenAll(Enumerable.Range(1, options.Producers).Select(ProduceAsync)).ConfigureAwait(false);
        }
        finally
        {
            // No more items: consumers drain what is left, then their loops end.
            queue.Writer.Complete();
        }

        var perConsumer = await Task.WhenAll(consumers).ConfigureAwait(false);
        var produced = options.Producers * options.Items;
        return new PipelineReport(
            options.Producers,
            options.Capacity,
            produced,
            perConsumer.Sum(),
            processed.Count(p => p.Value > 1),
            produced - processed.Count,
            highWaterMark,
            producerWaits,
            perConsumer,
            Figures.Ms(clock.Elapsed));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private static async Task<LessonReport> Run(Task<PipelineReport> run) => await run.ConfigureAwait(false);
}
