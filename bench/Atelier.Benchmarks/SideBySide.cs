using System.Diagnostics;
using System.Globalization;

namespace Atelier.Benchmarks;

/// <summary>
/// The queue benchmarks run in alternation, round after round, so a noisy neighbour hits every contender alike;
/// prints median throughputs and the median of each round's ratio to the raw channel.
/// </summary>
internal static class SideBySide
{
    private const int Items = 1_000_000;

    public static async Task RunAsync(int rounds)
    {
        Console.WriteLine($"{rounds} rounds of {Items:N0} items, contenders alternating; medians");
        Console.WriteLine("| capacity | contender | items/s | vs raw (median of round ratios) |");
        Console.WriteLine("|---:|---|---:|---:|");
        foreach (var capacity in new[] { 5, 1024 })
        {
            var benchmarks = new QueueThroughputBenchmarks { Capacity = capacity };
            (string Name, Func<Task<long>> Run)[] contenders =
            [
                ("RawChannel", benchmarks.RawChannel),
                ("RawChannelTimed", benchmarks.RawChannelTimed),
                ("WorkPoolOverChannel", benchmarks.WorkPoolOverChannel),
                ("WorkPoolOverEnumerable", benchmarks.WorkPoolOverEnumerable),
            ];
            var seconds = contenders.ToDictionary(c => c.Name, _ => new List<double>());
            foreach (var (_, run) in contenders)
            {
                await run(); // warm-up
            }

            for (var round = 0; round < rounds; round++)
            {
                foreach (var (name, run) in contenders)
                {
                    var clock = Stopwatch.StartNew();
                    await run();
                    seconds[name].Add(clock.Elapsed.TotalSeconds);
                }
            }

            var raw = seconds["RawChannel"];
            foreach (var (name, _) in contenders)
            {
                var rate = Items / Median(seconds[name]);
                var ratio = Median([.. raw.Zip(seconds[name], (r, c) => r / c)]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {capacity} | {name} | {rate / 1e6:0.00} M | {ratio:0.00} |"));
            }
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
