using System.Threading.Channels;
using Atelier.Work;

namespace Atelier.Tests.Support;

internal static class WorkPoolRun
{
    public static async Task<List<WorkResult<TItem, TResult>>> CollectAsync<TItem, TResult>(
        IAsyncEnumerable<WorkResult<TItem, TResult>> results, Action<WorkResult<TItem, TResult>>? onEach = null)
    {
        var list = new List<WorkResult<TItem, TResult>>();
        await foreach (var result in results.WithCancellation(TestContext.Current.CancellationToken))
        {
            list.Add(result);
            onEach?.Invoke(result);
        }

        return list;
    }

    public static ChannelReader<int> Filled(params int[] items)
    {
        var channel = Channel.CreateUnbounded<int>();
        foreach (var item in items)
        {
            channel.Writer.TryWrite(item);
        }

        channel.Writer.Complete();
        return channel.Reader;
    }

    public static void InterlockedMax(ref int target, int value)
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
}
