using Atelier.Jobs.Running;
namespace Atelier.Jobs.Log;

/// <summary>The commands an earlier run logged, by hash, and whether the last run of each succeeded.</summary>
internal sealed class JobLogHistory
{
    private readonly Dictionary<ulong, bool> outcomes = [];

    /// <summary>How many distinct commands the log holds.</summary>
    public int Count => outcomes.Count;

    /// <summary>Whether the log holds this command, whatever its outcome (<c>--resume</c> skips these).</summary>
    public bool Ran(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return outcomes.ContainsKey(job.CommandHash);
    }

    /// <summary>Whether the command's last logged run succeeded (<c>--resume-failed</c> skips only these).</summary>
    public bool Succeeded(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return outcomes.TryGetValue(job.CommandHash, out var succeeded) && succeeded;
    }

    internal void Record(ulong hash, bool succeeded) => outcomes[hash] = succeeded;
}
