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
        Throughput = Throughput,
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

    /// <summary>Jobs that ran to their end, per second: "250 jobs/s", "1.5 jobs/s"; "none ran to its end".</summary>
    private static string Throughput(BatchTally tally, TimeSpan elapsed)
    {
        var ended = tally["succeeded"] + FailureCategories.Sum(c => tally[c]);
        if (ended == 0 || elapsed <= TimeSpan.Zero)
        {
            return "none ran to its end";
        }

        var rate = ended / elapsed.TotalSeconds;
        return $"{rate.ToString(rate < 10 ? "0.0" : "N0", CultureInfo.InvariantCulture)} jobs/s";
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
