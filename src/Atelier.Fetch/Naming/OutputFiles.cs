using System.Collections.Concurrent;

namespace Atelier.Fetch.Naming;

/// <summary>
/// Chooses each download's final path in the output folder and moves the finished <c>.part</c> there. A name is
/// reserved while its download runs, so two downloads never share a name or a <c>.part</c> file; once the file
/// exists on disk, the disk itself keeps the name taken, and the reservation is dropped (memory stays bounded).
/// </summary>
internal sealed class OutputFiles(string directory, ExistingFile onExists)
{
    public const string PartSuffix = ".part";
    private readonly ConcurrentDictionary<string, bool> reserved = new(StringComparer.Ordinal);

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Reserves a final path for the name, or says why there is none (skip: the path to leave alone).</summary>
    public Placement Reserve(string name)
    {
        // Renaming and overwriting need no look now: the commit moves the file without replacing one (or replacing
        // it), and takes the next free name if one appeared. Skipping and failing must know before downloading.
        var path = Path.Combine(Directory, name);
        if (onExists is ExistingFile.Skip or ExistingFile.Fail && File.Exists(path))
        {
            return onExists == ExistingFile.Skip ? Placement.Skipped(path) : Placement.Refused($"'{path}' already exists");
        }

        // Overwrite, or no file yet: the name is ours unless another download of this run holds it.
        return reserved.TryAdd(path, true) ? Placement.At(path) : Placement.At(NextFree(name, first: 1));
    }

    /// <summary>Reserves a path for resuming an existing <c>.part</c>, whatever exists under the final name.</summary>
    public string ReserveForResume(string name)
    {
        var path = Path.Combine(Directory, name);
        reserved.TryAdd(path, true);
        return path;
    }

    /// <summary>Ends a reservation whose download did not produce the file.</summary>
    public void Release(string finalPath) => reserved.TryRemove(finalPath, out _);

    /// <summary>Moves the complete <c>.part</c> to its final path (the next free name if one appeared meanwhile).</summary>
    public string Commit(string partPath, string finalPath)
    {
        while (true)
        {
            if (onExists != ExistingFile.Overwrite && NoReplaceRename.TryMove(partPath, finalPath) is { } moved)
            {
                reserved.TryRemove(finalPath, out _);
                if (moved)
                {
                    return finalPath;
                }

                // Someone else created the file since it was reserved.
                finalPath = onExists == ExistingFile.Rename ? NextFree(Path.GetFileName(finalPath), first: 1) : throw new IOException($"'{finalPath}' already exists");
                continue;
            }

            try
            {
                File.Move(partPath, finalPath, overwrite: onExists == ExistingFile.Overwrite);
                reserved.TryRemove(finalPath, out _);
                return finalPath;
            }
            catch (IOException) when (onExists != ExistingFile.Overwrite && File.Exists(finalPath))
            {
                // Someone else created the file since it was reserved.
                if (onExists != ExistingFile.Rename)
                {
                    throw;
                }

                reserved.TryRemove(finalPath, out _);
                finalPath = NextFree(Path.GetFileName(finalPath), first: 1);
            }
        }
    }

    private string NextFree(string name, int first)
    {
        for (var number = first; ; number++)
        {
            var path = Path.Combine(Directory, FileNames.Numbered(name, number));
            if (!File.Exists(path) && reserved.TryAdd(path, true))
            {
                return path;
            }
        }
    }
}
