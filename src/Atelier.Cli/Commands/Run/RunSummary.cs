using System.Globalization;
using Atelier.Jobs;

namespace Atelier.Cli.Commands.Run;

/// <summary>Counts jobs by how they ended and keeps the first failures, for the summary on stderr.</summary>
internal sealed class RunSummary
{
    private const int FailuresShown = 20;
    private readonly List<string> failures = [];
    private readonly Dictionary<JobStatus, long> counts = [];

    public long Failed => Count(JobStatus.Failed) + Count(JobStatus.TimedOut) + Count(JobStatus.NotStarted);

    public long Total => counts.Values.Sum();

    public void Add(JobResult result)
    {
        counts[result.Status] = Count(result.Status) + 1;
        if (result.Status is JobStatus.Failed or JobStatus.TimedOut or JobStatus.NotStarted && failures.Count < FailuresShown)
        {
            failures.Add($"  #{result.Job.Sequence} {result.Reason}: {result.Job.CommandLine}");
        }
    }

    /// <summary>One line with the counts, then the first failures, each naming its job and command.</summary>
    public async Task WriteAsync(TextWriter error, TimeSpan elapsed, string? stopped, bool quiet)
    {
        if (quiet && Failed == 0 && stopped is null)
        {
            return;
        }

        var ran = Total - Count(JobStatus.Skipped);
        var parts = new List<string>();
        Part(parts, JobStatus.Succeeded, "succeeded");
        Part(parts, JobStatus.Failed, "failed");
        Part(parts, JobStatus.TimedOut, "timed out");
        Part(parts, JobStatus.NotStarted, "could not start");
        Part(parts, JobStatus.Killed, "stopped");
        Part(parts, JobStatus.Skipped, "skipped (in the job log)");
        var rate = ran > 0 && elapsed.TotalSeconds > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({ran / elapsed.TotalSeconds:N0}/s)") : "";
        var line = string.Create(CultureInfo.InvariantCulture, $"atelier run: {Total:N0} {(Total == 1 ? "job" : "jobs")} in {elapsed.TotalSeconds:0.00} s{rate}: {(parts.Count == 0 ? "none" : string.Join(", ", parts))}.");
        await error.WriteLineAsync(stopped is null ? line : $"{line} {stopped}").ConfigureAwait(false);
        foreach (var failure in failures)
        {
            await error.WriteLineAsync(failure).ConfigureAwait(false);
        }

        if (Failed > failures.Count)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  and {Failed - failures.Count:N0} more (--joblog FILE records every job).")).ConfigureAwait(false);
        }
    }

    private long Count(JobStatus status) => counts.GetValueOrDefault(status);

    private void Part(List<string> parts, JobStatus status, string name)
    {
        if (Count(status) > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Count(status):N0} {name}"));
        }
    }
}
