using System.Diagnostics;
using System.Threading.Channels;
using Atelier.Work;
using BenchmarkDotNet.Attributes;

namespace Atelier.Benchmarks;

/// <summary>
/// Trivial items through a bounded queue, 2 producers and 2 consumers: a raw bounded Channel against the work
/// pool reading the same channel with 2 workers and streaming every result, timed, back to the caller.
/// </summary>
/// <remarks>
/// RawChannelTimed is a control: raw consumers that also read the clock once per item, as the pool does to
/// give every result its elapsed time. It separates the cost of timing from the cost of the pool.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class QueueThroughputBenchmarks
{
    private const int Items = 1_000_000;
    private const int Producers = 2;
    private const int Consumers = 2;

    [Params(5, 1024)]
    public int Capacity { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = Items)]
    public Task<long> RawChannel() => RunRawAsync(static async reader =>
    {
        long sum = 0;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var item))
            {
                sum += Work(item);
            }
        }

        return sum;
    });

    [Benchmark(OperationsPerInvoke = Items)]
    public Task<long> RawChannelTimed() => RunRawAsync(static async reader =>
    {
        long sum = 0;
        long clock = 0;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var item))
            {
                sum += Work(item);
                clock ^= Stopwatch.GetTimestamp();
            }
        }

        return sum + (clock & 0);
    });

    [Benchmark(OperationsPerInvoke = Items)]
    public async Task<long> WorkPoolOverChannel()
    {
        var channel = CreateChannel();
        var producing = ProduceAsync(channel.Writer);
        long sum = 0;
        var options = new WorkPoolOptions { MaxDegreeOfParallelism = Consumers };
        await foreach (var result in WorkPool.RunAsync(channel.Reader, static (item, _) => ValueTask.FromResult(Work(item.Value)), options))
        {
            sum += result.Value;
        }

        await producing;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Items)]
    public async Task<long> WorkPoolOverEnumerable()
    {
        long sum = 0;
        var options = new WorkPoolOptions { MaxDegreeOfParallelism = Consumers, QueueCapacity = Capacity };
        await foreach (var result in WorkPool.RunAsync(Enumerable.Range(0, Items), static (item, _) => ValueTask.FromResult(Work(item.Value)), options))
        {
            sum += result.Value;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Items)]
    public async Task<long> WorkPoolInOrder()
    {
        long sum = 0;
        var options = new WorkPoolOptions { MaxDegreeOfParallelism = Consumers, QueueCapacity = Capacity, PreserveOrder = true };
        await foreach (var result in WorkPool.RunAsync(Enumerable.Range(0, Items), static (item, _) => ValueTask.FromResult(Work(item.Value)), options))
        {
            sum += result.Value;
        }

        return sum;
    }

    private static long Work(int item) => item * 2L;

    private async Task<long> RunRawAsync(Func<ChannelReader<int>, Task<long>> consume)
    {
        var channel = CreateChannel();
        var producing = ProduceAsync(channel.Writer);
        var consumers = new Task<long>[Consumers];
        for (var i = 0; i < Consumers; i++)
        {
            consumers[i] = Task.Run(() => consume(channel.Reader));
        }

        await producing;
        return (await Task.WhenAll(consumers)).Sum();
    }

    private Channel<int> CreateChannel() => Channel.CreateBounded<int>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
    });

    private static Task ProduceAsync(ChannelWriter<int> writer)
    {
        var producers = new Task[Producers];
        for (var p = 0; p < Producers; p++)
        {
            var start = p * (Items / Producers);
            producers[p] = Task.Run(async () =>
            {
                for (var i = start; i < start + Items / Producers; i++)
                {
                    if (!writer.TryWrite(i))
                    {
                        await writer.WriteAsync(i);
                    }
                }
            });
        }

        return Task.WhenAll(producers).ContinueWith(_ => writer.Complete(), TaskScheduler.Default);
    }
}
