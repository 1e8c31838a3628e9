using Atelier.Jobs.Templates;

namespace Atelier.Jobs.Inputs;

/// <summary>How jobs take several sets of values each (GNU parallel's <c>-n</c>, <c>-N</c>, <c>-m</c>, <c>-X</c>, <c>-s</c>).</summary>
internal sealed record ArgumentBatching
{
    /// <summary>The most sets of values one job takes (<c>-n</c>); null for as many as fit <see cref="MaxChars"/>.</summary>
    public int? MaxSets { get; init; }

    /// <summary>
    /// Each job takes exactly this many values of the one input source, bound to <c>{1}</c> .. <c>{N}</c> (<c>-N</c>);
    /// the last job may have fewer. Null when not set.
    /// </summary>
    public int? Exactly { get; init; }

    /// <summary>
    /// The most bytes a job's command line may take (each argument and its terminator, as the kernel counts them).
    /// Default 131072, as xargs: a single argument may not be longer on Linux, and a <c>--shell</c> script is one.
    /// </summary>
    public int MaxChars { get; init; } = 128 * 1024;

    /// <summary>
    /// Whether the values left when the input ends are spread over the job slots rather than given to one job
    /// (<c>-m</c> and <c>-X</c>: with 5 values that fit one line and 2 slots, jobs of 3 and 2).
    /// </summary>
    public bool Spread { get; init; }
}

/// <summary>Groups the sets of values <see cref="JobInputs.Combine"/> gives into one list of values per job, lazily.</summary>
/// <remarks>
/// GNU parallel's rules: a job takes sets until <see cref="ArgumentBatching.MaxSets"/> or until one more would
/// take its command line past <see cref="ArgumentBatching.MaxChars"/>; a set too long alone is a job alone (the
/// kernel's refusal then fails that job, not the run). With <see cref="ArgumentBatching.Spread"/>, the first time
/// the input ends while a job is filling, what that job holds is shared out: each job from then on takes at most
/// ceil(held / job slots) sets.
/// </remarks>
internal static class ArgumentBatches
{
    /// <summary>Each job's values: the sets it takes, one after another.</summary>
    /// <param name="sets">Each set of values, in order (one value per input source).</param>
    /// <param name="template">The command, which says what each value adds to a command line.</param>
    /// <param name="batching">How many sets a job takes.</param>
    /// <param name="jobSlots">How many jobs run at once (for <see cref="ArgumentBatching.Spread"/>).</param>
    public static IEnumerable<IReadOnlyList<string>> Group(IEnumerable<IReadOnlyList<string>> sets, CommandTemplate template, ArgumentBatching batching, int jobSlots)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(batching);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(jobSlots);
        return batching.Exactly is { } exactly ? Exactly(sets, exactly) : Fill(sets, template, batching, jobSlots);
    }

    private static IEnumerable<IReadOnlyList<string>> Exactly(IEnumerable<IReadOnlyList<string>> sets, int count)
    {
        var values = new List<string>(count);
        foreach (var set in sets)
        {
            values.AddRange(set);
            if (values.Count >= count)
            {
                yield return values.ToArray();
                values.Clear();
            }
        }

        if (values.Count > 0)
        {
            yield return values.ToArray();
        }
    }

    private static IEnumerable<IReadOnlyList<string>> Fill(IEnumerable<IReadOnlyList<string>> sets, CommandTemplate template, ArgumentBatching batching, int jobSlots)
    {
        var maxSets = batching.MaxSets ?? int.MaxValue;
        var spread = batching.Spread;
        var held = new List<IReadOnlyList<string>>();
        var waiting = new LinkedList<IReadOnlyList<string>>();
        long sequence = 0;
        using var input = sets.GetEnumerator();
        var ended = false;
        while (true)
        {
            var length = 0;
            while (held.Count < maxSets && Next(out var set))
            {
                var added = held.Count == 0 ? template.LengthOf(set, sequence + 1) : set.Sum(template.CostOf);
                if (held.Count > 0 && length + added > batching.MaxChars)
                {
                    waiting.AddFirst(set);
                    break;
                }

                held.Add(set);
                length += added;
            }

            if (held.Count == 0)
            {
                yield break;
            }

            if (spread && ended && waiting.Count == 0 && held.Count > 1)
            {
                // The input ended while this job filled: share what it holds over the slots, once.
                spread = false;
                maxSets = Math.Min(maxSets, (held.Count + jobSlots - 1) / jobSlots);
                foreach (var extra in held.Skip(maxSets))
                {
                    waiting.AddLast(extra);
                }

                held.RemoveRange(maxSets, held.Count - maxSets);
            }

            sequence++;
            yield return [.. held.SelectMany(set => set)];
            held.Clear();
        }

        bool Next(out IReadOnlyList<string> set)
        {
            if (waiting.First is { } first)
            {
                waiting.RemoveFirst();
                set = first.Value;
                return true;
            }

            if (!ended && input.MoveNext())
            {
                set = input.Current;
                return true;
            }

            ended = true;
            set = [];
            return false;
        }
    }
}
