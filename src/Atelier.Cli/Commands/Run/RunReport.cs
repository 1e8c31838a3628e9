using System.Globalization;
using Atelier.Cli.Batch;
using Atelier.Jobs.Running;

namespace Atelier.Cli.Commands.Run;

/// <summary>How a run shows its progress and ends: the bar's line, the counts, the rate and the failed jobs.</summary>
internal static class RunReport
{
    private static readonly string[] FailureCategories = ["failed", "timed out", "could not start"];

    /// <param name="each">What happens to every result: its output written, its job log line.</param>
    /// <param name="stopped">Why the run stopped early, given whether it was interrupted; null when it did not.</param>
    public static BatchDriver<JobResult> Driver(Func<JobResult, ValueTask> each, Func<bool, string?> stopped) => new()
    {
        Category = Category,
        Categories = ["succeeded", .. FailureCategories, "stopped", "skipped (in the job log)"],
        Failures = FailureCategories,
        Throughput = (tally, elapsed) =>
        {
            var ran = tally.Total - tally["skipped (in the job log)"];
            return string.Create(CultureInfo.InvariantCulture, $"{(elapsed > TimeSpan.Zero ? ran / elapsed.TotalSeconds : 0):N0} jobs/s");
        },
        Stopped = stopped,
        Details = new FailureList<JobResult>(result => $"  #{result.Job.Sequence} {result.Reason}: {result.Job.CommandLine}", "--joblog FILE records every job"),
        Each = each,
    };

    /// <summary>"120/2,000 jobs, 3 failed".</summary>
    public static BatchStatus Status(BatchTally tally, long? total)
    {
        var failed = FailureCategories.Sum(c => tally[c]);
        var of = total is { } all ? string.Create(CultureInfo.InvariantCulture, $"/{all:N0}") : "";
        return new BatchStatus(string.Create(CultureInfo.InvariantCulture, $"{tally.Total:N0}{of} jobs, {failed:N0} failed"), tally.Total, total);
    }

    private static string Category(JobResult result) => result.Status switch
    {
        JobStatus.Succeeded => "succeeded",
        JobStatus.Failed => "failed",
        JobStatus.TimedOut => "timed out",
        JobStatus.NotStarted => "could not start",
        JobStatus.Killed => "stopped",
        _ => "skipped (in the job log)",
    };
}
