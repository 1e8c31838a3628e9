using System.Numerics;

namespace Atelier.Labs.Interleavings;

/// <summary>
/// Plays the scheduler for a lesson's threads: every order in which their visible steps can run (every interleaving),
/// each ending in an outcome: a final state the lesson names (<c>count = 1</c>), a deadlock (no thread can step while
/// some have steps left), or a livelock (a thread started over more than <see cref="SharedProgram.MostRetries"/> times).
/// </summary>
/// <remarks>
/// <para>Depth-first, with the states already seen remembered with what follows them (their counts of schedules by
/// outcome): two prefixes that reach the same state (same step of each thread, same registers, same shared values, same
/// lock owners) share what comes after, so each state is explored once and the counts stay exact. Counts are
/// <see cref="BigInteger"/>s: they grow as multinomials.</para>
/// <para>When a program is too large to enumerate (more than <see cref="MostSteps"/> steps in all, or more than
/// <see cref="MostStates"/> states), schedules are sampled instead: at each step a thread chosen at random among those
/// that can step, from a seed, so a run can be repeated.</para>
/// </remarks>
internal sealed class Explorer
{
    /// <summary>Enumerated exhaustively up to this many steps in all threads together.</summary>
    public const int MostSteps = 60;

    /// <summary>Enumerated exhaustively up to this many distinct states.</summary>
    public const int MostStates = 2_000_000;

    /// <summary>What a schedule that stops with threads unable to step ends as.</summary>
    public const string Deadlock = "deadlock";

    /// <summary>What a schedule in which a thread started over too often ends as.</summary>
    public const string Livelock = "livelock";

    private readonly SharedProgram program;
    private readonly Func<IReadOnlyList<int>, string> outcomeOf;
    private readonly int threads;
    private readonly Dictionary<int[], Dictionary<string, BigInteger>> seen = new(StateComparer.Instance);

    /// <param name="program">The threads and what they share.</param>
    /// <param name="outcomeOf">Names a finished schedule's outcome from the shared variables' final values.</param>
    public Explorer(SharedProgram program, Func<IReadOnlyList<int>, string> outcomeOf)
    {
        this.program = program;
        this.outcomeOf = outcomeOf;
        threads = program.Threads.Count;
    }

    /// <summary>Every schedule (or samples of them when there are too many), counted by outcome.</summary>
    /// <param name="samples">How many schedules to sample when they cannot all be enumerated.</param>
    /// <param name="seed">The sampling's seed.</param>
    public Exploration Explore(int samples = 10_000, int seed = 1)
    {
        if (program.Threads.Sum(t => t.Count) <= MostSteps)
        {
            try
            {
                var counts = Count(Initial());
                return new Exploration(true, counts.Values.Aggregate(BigInteger.Zero, (a, b) => a + b), counts, seen.Count, null);
            }
            catch (TooManyStatesException)
            {
                seen.Clear();
            }
        }

        return Sample(samples, seed);
    }

    /// <summary>A schedule (the thread to step, in turn) that ends in <paramref name="outcome"/>; null when none does.</summary>
    public IReadOnlyList<int>? ScheduleTo(string outcome, int samples = 10_000, int seed = 1)
    {
        if (seen.Count > 0)
        {
            // Counted: follow the steps whose states still lead to it.
            var state = Initial();
            var schedule = new List<int>();
            while (Successors(state) is { Count: > 0 } next)
            {
                var (thread, after) = next.FirstOrDefault(s => s.After is null ? outcome == Livelock : Reaches(s.After, outcome));
                if (after is null && !next.Any(s => s.Thread == thread && (s.After is null ? outcome == Livelock : Reaches(s.After, outcome))))
                {
                    return null;
                }

                schedule.Add(thread);
                if (after is null)
                {
                    return schedule;
                }

                state = after;
            }

            return Ends(state) == outcome ? schedule : null;
        }

        var random = new Random(seed);
        for (var i = 0; i < samples; i++)
        {
            var (end, schedule) = Walk(random);
            if (end == outcome)
            {
                return schedule;
            }
        }

        return null;
    }

    private bool Reaches(int[] state, string outcome) => seen.TryGetValue(state, out var counts) ? counts.ContainsKey(outcome) : Ends(state) == outcome;

    /// <summary>Runs a schedule step by step: what each step read or wrote, and the shared values after it.</summary>
    public IReadOnlyList<ScheduleStep> Replay(IReadOnlyList<int> schedule)
    {
        var state = Initial();
        var steps = new List<ScheduleStep>();
        foreach (var thread in schedule)
        {
            var step = program.Threads[thread][state[thread]];
            var (after, what) = Apply(state, thread);
            steps.Add(new ScheduleStep(thread + 1, Describe(step), what, [.. Shared(after ?? state)]));
            if (after is null)
            {
                break;
            }

            state = after;
        }

        return steps;
    }

    /// <summary>
    /// Where a schedule leaves the threads that cannot step: for each, the locks it holds, the lock it waits for, and
    /// the thread holding that one (a deadlock's wait-for cycle).
    /// </summary>
    public IReadOnlyList<BlockedThread> Blocked(IReadOnlyList<int> schedule)
    {
        var state = Initial();
        foreach (var thread in schedule)
        {
            state = Apply(state, thread).After ?? state;
        }

        var blocked = new List<BlockedThread>();
        for (var t = 0; t < threads; t++)
        {
            if (state[t] < program.Threads[t].Count && program.Threads[t][state[t]] is { Kind: StepKind.Lock } step && Owner(state, step.Target) is var holder and not 0)
            {
                var holds = Enumerable.Range(0, program.Locks.Count).Where(l => Owner(state, l) == t + 1).Select(l => program.Locks[l]).ToList();
                blocked.Add(new BlockedThread(t + 1, holds, program.Locks[step.Target], holder));
            }
        }

        return blocked;
    }

    /// <summary>Counts the schedules from a state, by outcome, remembering each state's counts.</summary>
    private Dictionary<string, BigInteger> Count(int[] state)
    {
        if (seen.TryGetValue(state, out var known))
        {
            return known;
        }

        if (seen.Count >= MostStates)
        {
            throw new TooManyStatesException();
        }

        var counts = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        var next = Successors(state);
        if (next.Count == 0)
        {
            counts[Ends(state)!] = BigInteger.One;
        }

        foreach (var (_, after) in next)
        {
            foreach (var (outcome, count) in after is null ? new Dictionary<string, BigInteger> { [Livelock] = BigInteger.One } : Count(after))
            {
                counts[outcome] = counts.GetValueOrDefault(outcome) + count;
            }
        }

        seen[state] = counts;
        return counts;
    }

    private Exploration Sample(int samples, int seed)
    {
        var random = new Random(seed);
        var counts = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        for (var i = 0; i < samples; i++)
        {
            var (end, _) = Walk(random);
            counts[end] = counts.GetValueOrDefault(end) + 1;
        }

        return new Exploration(false, samples, counts, 0, seed);
    }

    /// <summary>One schedule chosen at random, step by step.</summary>
    private (string Outcome, List<int> Schedule) Walk(Random random)
    {
        var state = Initial();
        var schedule = new List<int>();
        while (true)
        {
            var next = Successors(state);
            if (next.Count == 0)
            {
                return (Ends(state)!, schedule);
            }

            var (thread, after) = next[random.Next(next.Count)];
            schedule.Add(thread);
            if (after is null)
            {
                return (Livelock, schedule);
            }

            state = after;
        }
    }

    /// <summary>What a state with no step left to take ends as: the lesson's outcome when every thread finished, else a deadlock.</summary>
    private string? Ends(int[] state) =>
        Successors(state).Count > 0 ? null
        : Enumerable.Range(0, threads).All(t => state[t] >= program.Threads[t].Count) ? outcomeOf(Shared(state)) : Deadlock;

    /// <summary>The threads that can step now, each with the state after its step (null: it exceeded its retries).</summary>
    private List<(int Thread, int[]? After)> Successors(int[] state)
    {
        var next = new List<(int, int[]?)>(threads);
        for (var t = 0; t < threads; t++)
        {
            if (state[t] >= program.Threads[t].Count)
            {
                continue;
            }

            var step = program.Threads[t][state[t]];
            if (step.Kind == StepKind.Lock && Owner(state, step.Target) != 0)
            {
                // Held (by another, or by itself: these locks do not re-enter): it waits.
                continue;
            }

            next.Add((t, Apply(state, t).After));
        }

        return next;
    }

    /// <summary>Thread <paramref name="t"/>'s next step: the state after it (null when it started over once too often) and what it did, in words.</summary>
    private (int[]? After, string What) Apply(int[] state, int t)
    {
        var step = program.Threads[t][state[t]];
        var after = (int[])state.Clone();
        after[t]++;
        ref var register = ref after[threads + t];
        var variables = 3 * threads;
        var locks = variables + program.Variables.Count;
        switch (step.Kind)
        {
            case StepKind.Load:
                register = after[variables + step.Target];
                return (after, Figures.Text("Did.Read", program.Variables[step.Target], register));
            case StepKind.Add:
                register += step.Amount;
                return (after, Figures.Text("Did.Copy", register));
            case StepKind.Store:
                after[variables + step.Target] = register;
                return (after, Figures.Text("Did.Write", program.Variables[step.Target], register));
            case StepKind.Increment:
                after[variables + step.Target]++;
                return (after, Figures.Text("Did.Increment", program.Variables[step.Target], after[variables + step.Target]));
            case StepKind.Lock:
                after[locks + step.Target] = t + 1;
                return (after, Figures.Text("Did.Take", program.Locks[step.Target]));
            case StepKind.Unlock:
                after[locks + step.Target] = 0;
                return (after, Figures.Text("Did.Release", program.Locks[step.Target]));
            case StepKind.TryLock when after[locks + step.Target] == 0:
                after[locks + step.Target] = t + 1;
                return (after, Figures.Text("Did.Take", program.Locks[step.Target]));
            default:
                // TryLock on a held lock: give back what it holds and start over.
                var holder = after[locks + step.Target];
                var released = Enumerable.Range(0, program.Locks.Count).Where(l => after[locks + l] == t + 1).Select(l => program.Locks[l]).ToList();
                if (after[2 * threads + t] >= program.MostRetries)
                {
                    return (null, Figures.Text("Did.Livelock", program.Locks[step.Target], holder, program.MostRetries + 1));
                }

                foreach (var l in Enumerable.Range(0, program.Locks.Count).Where(l => after[locks + l] == t + 1))
                {
                    after[locks + l] = 0;
                }

                after[t] = 0;
                after[2 * threads + t]++;
                register = 0;
                if (step.Amount >= 0)
                {
                    after[variables + step.Amount]++;
                }

                return (after, released.Count == 0 ? Figures.Text("Did.StartOverEmpty", program.Locks[step.Target], holder) : Figures.Text("Did.StartOver", program.Locks[step.Target], holder, string.Join(", ", released)));
        }
    }

    /// <summary>Step counters, registers and retries of each thread, then the shared variables, then each lock's owner (thread + 1, or 0).</summary>
    private int[] Initial() => new int[(3 * threads) + program.Variables.Count + program.Locks.Count];

    private int Owner(int[] state, int @lock) => state[(3 * threads) + program.Variables.Count + @lock];

    private int[] Shared(int[] state) => state[(3 * threads)..((3 * threads) + program.Variables.Count)];

    private string Describe(Step step) => step.Kind switch
    {
        StepKind.Load => Figures.Text("Step.Load", program.Variables[step.Target]),
        StepKind.Add => Figures.Text("Step.Add", step.Amount),
        StepKind.Store => Figures.Text("Step.Store", program.Variables[step.Target]),
        StepKind.Increment => $"Interlocked.Increment({program.Variables[step.Target]})",
        StepKind.Lock => Figures.Text("Step.Lock", program.Locks[step.Target]),
        StepKind.Unlock => Figures.Text("Step.Unlock", program.Locks[step.Target]),
        _ => $"Monitor.TryEnter({program.Locks[step.Target]})",
    };

    private sealed class TooManyStatesException : Exception;

    private sealed class StateComparer : IEqualityComparer<int[]>
    {
        public static readonly StateComparer Instance = new();

        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] state)
        {
            var hash = default(HashCode);
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(state.AsSpan()));
            return hash.ToHashCode();
        }
    }
}

/// <summary>What the explorer found.</summary>
/// <param name="Exhaustive">Whether every schedule was counted (else <see cref="Schedules"/> were sampled).</param>
/// <param name="Schedules">How many schedules there are (or were sampled).</param>
/// <param name="Outcomes">How many ended in each outcome.</param>
/// <param name="States">How many distinct states were explored (0 when sampled).</param>
/// <param name="Seed">The sampling's seed; null when exhaustive.</param>
internal sealed record Exploration(bool Exhaustive, BigInteger Schedules, IReadOnlyDictionary<string, BigInteger> Outcomes, int States, int? Seed)
{
    /// <summary>How many schedules ended in <paramref name="outcome"/>.</summary>
    public BigInteger Of(string outcome) => Outcomes.GetValueOrDefault(outcome);
}

/// <summary>A thread that cannot step: what it holds, what it waits for, and who holds that.</summary>
/// <param name="Thread">The thread, from 1.</param>
/// <param name="Holds">The locks it holds.</param>
/// <param name="WaitsFor">The lock its next step needs.</param>
/// <param name="HeldBy">The thread holding that lock, from 1.</param>
internal sealed record BlockedThread(int Thread, IReadOnlyList<string> Holds, string WaitsFor, int HeldBy);

/// <summary>One step of a replayed schedule.</summary>
/// <param name="Thread">The thread that stepped, from 1.</param>
/// <param name="Step">What the step is (<c>load count</c>).</param>
/// <param name="What">What it read, wrote or took, in words.</param>
/// <param name="Shared">The shared variables' values after it.</param>
internal sealed record ScheduleStep(int Thread, string Step, string What, IReadOnlyList<int> Shared);
