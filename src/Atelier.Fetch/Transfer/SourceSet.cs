namespace Atelier.Fetch.Transfer;

/// <summary>The URL asked for, then its mirrors: which are in use, and why each dropped one was.</summary>
/// <remarks>Thread-safe: the connections of a split download take and drop sources at once.</remarks>
internal sealed class SourceSet
{
    private readonly Source[] sources;

    // Most files have one source, and never take it.
    private readonly Lock? gate;

    public SourceSet(params Source[] sources)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sources.Length);
        this.sources = sources;
        gate = sources.Length > 1 ? new Lock() : null;
    }

    public IReadOnlyList<Source> All => sources;

    /// <summary>The URL asked for: it names the file.</summary>
    public Source First => sources[0];

    public int Count => sources.Length;

    /// <summary>The source a single connection uses: the first one not dropped.</summary>
    public Source Current
    {
        get
        {
            if (sources.Length == 1)
            {
                return sources[0];
            }

            lock (gate!)
            {
                return sources.FirstOrDefault(s => s.Dropped is null) ?? sources[0];
            }
        }
    }

    /// <summary>The source for a split download's connection <paramref name="connection"/>: the sources in use, in turn.</summary>
    public Source For(int connection)
    {
        if (sources.Length == 1)
        {
            return sources[0];
        }

        lock (gate!)
        {
            var live = sources.Where(s => s.Dropped is null).ToList();
            return live.Count == 0 ? sources[0] : live[connection % live.Count];
        }
    }

    /// <summary>Drops a failed source if another is still in use; false when it is the last (its failure is the file's).</summary>
    public bool TryDrop(Source source, string reason)
    {
        if (sources.Length == 1)
        {
            return false;
        }

        lock (gate!)
        {
            if (source.Dropped is not null)
            {
                return sources.Any(s => s.Dropped is null);
            }

            if (!sources.Any(s => s != source && s.Dropped is null))
            {
                return false;
            }

            source.Dropped = reason;
            return true;
        }
    }

    /// <summary>The file starts again from its first byte: every source's validator is forgotten.</summary>
    public void ForgetValidators()
    {
        foreach (var source in sources)
        {
            source.Forget();
        }
    }
}
