using System.Globalization;

namespace Atelier.Cli.Batch;

/// <summary>A run's results counted by category ("downloaded", "failed"...), and the amount they carried (bytes, outputs).</summary>
internal sealed class BatchTally(IReadOnlyList<string> categories)
{
    private readonly string[] names = [.. categories];
    private readonly long[] counts = new long[categories.Count];

    public long Total { get; private set; }

    public long Amount { get; private set; }

    public long this[string category] => counts[IndexOf(category)];

    public void Add(string category, long amount)
    {
        counts[IndexOf(category)]++;
        Total++;
        Amount += amount;
    }

    /// <summary>"3 downloaded, 1 failed": every category counted, and those named in <paramref name="always"/> even at 0.</summary>
    public string Describe(IReadOnlyCollection<string> always) => string.Join(", ", names
        .Select((name, i) => (name, count: counts[i]))
        .Where(c => c.count > 0 || always.Contains(c.name))
        .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.count:N0} {c.name}")));

    private int IndexOf(string category)
    {
        var index = Array.IndexOf(names, category);
        return index >= 0 ? index : throw new ArgumentOutOfRangeException(nameof(category), category, "not one of the batch's categories");
    }
}
