namespace Atelier.Jobs.Inputs;

/// <summary>Combines input sources into the values of each job, lazily.</summary>
/// <remarks>
/// <para>Sources multiply in order, the first varying slowest: <c>::: a b ::: 1 2</c> gives a 1, a 2, b 1, b 2.
/// A source linked to the previous one (<c>:::+</c>) pairs with it instead: <c>::: a b c :::+ 1 2</c> gives a 1,
/// b 2, c 1 (the shorter starts over until the longest ends), as GNU parallel's <c>--link</c> does.</para>
/// <para>The first source is read once, as jobs start; later sources are read again for each value before them.</para>
/// </remarks>
internal static class JobInputs
{
    /// <summary>The values of each job, one per source (or one per column of each source's record), in job order.</summary>
    public static IEnumerable<IReadOnlyList<string>> Combine(IReadOnlyList<InputSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfZero(sources.Count);
        var groups = new List<List<InputSource>>();
        foreach (var source in sources)
        {
            if (groups.Count == 0 || !source.LinkedToPrevious)
            {
                groups.Add([]);
            }

            groups[^1].Add(source);
        }

        return Product(groups, 0, again: false);
    }

    private static IEnumerable<string[]> Product(List<List<InputSource>> groups, int index, bool again)
    {
        foreach (var row in Zip(groups[index], again))
        {
            if (index == groups.Count - 1)
            {
                yield return row;
                continue;
            }

            foreach (var rest in Product(groups, index + 1, again: true))
            {
                yield return [.. row, .. rest];
            }
        }
    }

    private static IEnumerable<string[]> Zip(List<InputSource> group, bool again)
    {
        if (group.Count == 1)
        {
            foreach (var row in group[0].Read(again))
            {
                yield return row;
            }

            yield break;
        }

        var readers = group.Select(source => source.Read(again: true).GetEnumerator()).ToArray();
        var ended = new bool[readers.Length];
        try
        {
            while (true)
            {
                var row = new string[readers.Length][];
                for (var i = 0; i < readers.Length; i++)
                {
                    if (!readers[i].MoveNext())
                    {
                        ended[i] = true;
                        readers[i].Dispose();
                        readers[i] = group[i].Read(again: true).GetEnumerator();
                        if (ended.All(e => e) || !readers[i].MoveNext())
                        {
                            yield break;
                        }
                    }

                    row[i] = readers[i].Current;
                }

                yield return [.. row.SelectMany(columns => columns)];
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }
}
