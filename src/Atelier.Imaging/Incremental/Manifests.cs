using System.Collections.Concurrent;

namespace Atelier.Imaging.Incremental;

/// <summary>The manifests of a run, one per output folder, loaded when first needed and saved at the end.</summary>
internal sealed class Manifests
{
    private readonly ConcurrentDictionary<string, Lazy<Manifest>> folders = new(StringComparer.Ordinal);

    public Manifest For(string folder) => folders.GetOrAdd(folder, f => new Lazy<Manifest>(() => Manifest.Load(f))).Value;

    public void SaveAll()
    {
        foreach (var manifest in folders.Values.Where(m => m.IsValueCreated))
        {
            manifest.Value.Save();
        }
    }
}
