using Atelier.Work;

namespace Atelier.Fetch.Transfer;

/// <summary>
/// A split download's plan on disk, beside its <c>.part</c> (<c>NAME.part.segments</c>): saved before any byte lands
/// past the start, once a second while the download runs and when it stops, so that <c>--continue</c> resumes every range.
/// </summary>
internal static class PlanFile
{
    /// <summary>The suffix of the file beside <c>NAME.part</c> that records which of its ranges are written.</summary>
    public const string Suffix = ".segments";

    /// <summary>How often the plan is saved while the download runs.</summary>
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(1);

    /// <summary>The plan saved beside a <c>.part</c> file; null if there is none or it cannot be read.</summary>
    public static SegmentPlan? Load(string partPath)
    {
        try
        {
            using var reader = new StreamReader(partPath + Suffix);
            return SegmentPlan.Load(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes the plan beside the <c>.part</c> file whole (a new file renamed over the old).</summary>
    /// <exception cref="LocalFileException">The disk refused.</exception>
    public static void Save(string partPath, SegmentPlan plan)
    {
        var path = partPath + Suffix;
        LocalFileException.Guard(path, () =>
        {
            var temporary = path + ".new";
            using (var writer = new StreamWriter(temporary))
            {
                plan.Save(writer);
            }

            File.Move(temporary, path, overwrite: true);
            return true;
        });
    }

    /// <summary>Saves the plan if the disk lets it: a plan not saved costs only the ranges written since the last save.</summary>
    public static void TrySave(string partPath, SegmentPlan plan)
    {
        try
        {
            Save(partPath, plan);
        }
        catch (LocalFileException)
        {
        }
    }

    /// <summary>Saves the plan every second until cancelled.</summary>
    public static async Task SaveEverySecondAsync(string partPath, SegmentPlan plan, TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(SaveEvery, time, cancellationToken).ConfigureAwait(false);
            TrySave(partPath, plan);
        }
    }

    /// <summary>Removes the plan saved beside a <c>.part</c> file, if any.</summary>
    public static void Forget(string partPath) => File.Delete(partPath + Suffix);

    /// <summary>Removes a <c>.part</c> file and its plan: nothing of them is worth resuming.</summary>
    public static void Discard(string partPath)
    {
        File.Delete(partPath);
        Forget(partPath);
    }
}
