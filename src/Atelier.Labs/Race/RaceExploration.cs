using System.Numerics;
using Atelier.Labs.Interleavings;

namespace Atelier.Labs.Race;

/// <summary>
/// <c>lab race --explore</c>: the scheduler's view of <c>count++</c>. Every order in which the threads' steps (load,
/// add, store) can run, how many of them lose an update, a few replayed step by step; then the same under a lock and
/// with <c>Interlocked.Increment</c>; then real threads doing the same, many times over, to see how often the bad
/// orders happen on this machine.
/// </summary>
internal static class RaceExploration
{
    public static RaceExploreReport Run(RaceOptions options, CancellationToken cancellationToken)
    {
        var expected = options.Threads * options.Increments;
        string Outcome(IReadOnlyList<int> shared) => $"count = {shared[0]}";
        Step[] plain = [Step.Load(0), Step.Add(), Step.Store(0)];
        Step[] locked = [Step.Lock(0), .. plain, Step.Unlock(0)];
        Step[] atomic = [Step.Increment(0)];
        var modes = new List<ExploredMode>();
        var shown = new List<ShownSchedule>();
        foreach (var (mode, steps) in new[] { ("unsynchronised", plain), ("lock", locked), ("Interlocked", atomic) })
        {
            cancellationToken.ThrowIfCancellationRequested();
            var thread = Enumerable.Repeat(steps, options.Increments).SelectMany(s => s).ToArray();
            var explorer = new Explorer(new SharedProgram(["count"], ["gate"], [.. Enumerable.Repeat<IReadOnlyList<Step>>(thread, options.Threads)]), Outcome);
            var found = explorer.Explore(options.Samples, options.Seed);
            var lost = found.Outcomes.Where(o => o.Key != $"count = {expected}").Aggregate(BigInteger.Zero, (sum, o) => sum + o.Value);
            modes.Add(new ExploredMode(mode, found.Exhaustive, found.Schedules, lost, found.States, found.Seed));

            // The schedules shown: the worst outcomes first (fewest increments kept), one of each, up to --show.
            foreach (var outcome in found.Outcomes.Keys.OrderBy(o => int.Parse(o["count = ".Length..], System.Globalization.CultureInfo.InvariantCulture)).Take(mode == "unsynchronised" ? options.Show : Math.Min(options.Show, 1)))
            {
                if (explorer.ScheduleTo(outcome, options.Samples, options.Seed) is { } schedule)
                {
                    shown.Add(new ShownSchedule(mode, outcome, explorer.Replay(schedule)));
                }
            }
        }

        var (trials, realLost) = RealTrials(options, cancellationToken);
        return new RaceExploreReport(options.Threads, options.Increments, modes, shown, trials, realLost);
    }

    /// <summary>
    /// The unsynchronised program on real threads, over and over: the threads wait at a barrier, each does its
    /// increments, and a trial that ends below the expected count lost an update.
    /// </summary>
    private static (int Trials, int Lost) RealTrials(RaceOptions options, CancellationToken cancellationToken)
    {
        var counter = new SharedCounter();
        var lost = 0;
        var trials = 0;
        using var start = new Barrier(options.Threads + 1);
        using var done = new Barrier(options.Threads + 1);
        var stop = false;
        var threads = Enumerable.Range(0, options.Threads).Select(_ => new Thread(() =>
        {
            while (true)
            {
                start.SignalAndWait();
                if (Volatile.Read(ref stop))
                {
                    return;
                }

                for (var i = 0; i < options.Increments; i++)
                {
                    counter.IncrementUnsynchronised();
                }

                done.SignalAndWait();
            }
        }) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        var expected = options.Threads * options.Increments;
        for (; trials < options.Trials && !cancellationToken.IsCancellationRequested; trials++)
        {
            // Not cancelled mid-trial: the threads must reach both barriers (the loop checks between trials).
            counter.Reset();
            start.SignalAndWait(CancellationToken.None);
            done.SignalAndWait(CancellationToken.None);
            lost += counter.Value < expected ? 1 : 0;
        }

        Volatile.Write(ref stop, true);
        start.SignalAndWait(CancellationToken.None);
        threads.ForEach(t => t.Join());
        return (trials, lost);
    }
}
