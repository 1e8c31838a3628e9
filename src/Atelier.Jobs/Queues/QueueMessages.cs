using Atelier.Jobs.Running;
using StackExchange.Redis;

namespace Atelier.Jobs.Queues;

/// <summary>How jobs and their results are written as stream entries, and read back.</summary>
internal static class QueueMessages
{
    // Arguments are joined with NUL, the one character an argument can never hold.
    private const char ArgumentSeparator = '\0';

    /// <summary>The field with the time a job was put on the queue, in Unix milliseconds.</summary>
    public const string Issued = "issued_ms";

    /// <summary>
    /// A job's entry, issued at <paramref name="issued"/>; <paramref name="stdin"/> is what it reads on stdin (a block
    /// of --pipe), null for nothing.
    /// </summary>
    public static NameValueEntry[] Job(string id, Job job, string resultsKey, TimeSpan? timeout, int attempts, byte[]? stdin, DateTimeOffset issued) =>
    [
        new("id", id),
        new("seq", job.Sequence),
        new("results", resultsKey),
        new("argv", string.Join(ArgumentSeparator, job.Arguments)),
        new("cmd", job.CommandLine),
        new("timeout_ms", timeout is { } t ? (long)t.TotalMilliseconds : 0),
        new("attempts", attempts),
        new(Issued, issued.ToUnixTimeMilliseconds()),
        .. stdin is null ? [] : (NameValueEntry[])[new("stdin", stdin)],
    ];

    /// <summary>The job an entry holds; null when it is not a job's entry (a field missing or of the wrong kind).</summary>
    public static QueuedJob? ReadJob(StreamEntry entry)
    {
        try
        {
            var stdin = entry["stdin"] is { HasValue: true } block ? (byte[])block! : null;
            if (entry["id"].IsNullOrEmpty || entry["results"].IsNullOrEmpty || entry["argv"].IsNullOrEmpty)
            {
                return null;
            }

            var job = new Job(
                (long)entry["seq"],
                [],
                ((string)entry["argv"]!).Split(ArgumentSeparator),
                (string?)entry["cmd"] ?? "",
                stdin is null ? null : Pipes.MemoryBlock.From(stdin));
            var timeout = (long)entry["timeout_ms"];
            return new QueuedJob(entry.Id, (string)entry["id"]!, (string)entry["results"]!, job, timeout > 0 ? TimeSpan.FromMilliseconds(timeout) : null, Math.Max(1, (int)entry["attempts"]))
            {
                Stdin = stdin,
                Fields = entry.Values,
                Issued = entry[Issued].IsNullOrEmpty ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)entry[Issued]),
            };
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Why a worker did not start a job of an interrupted run; its run counts it taken off, not stopped.</summary>
    public const string Refused = "not started: its run was interrupted";

    public static NameValueEntry[] Result(string id, JobResult result, string worker) =>
    [
        new("id", id),
        new("seq", result.Job.Sequence),
        new("status", result.Status.ToString()),
        new("exit", result.ExitCode is { } code ? code : RedisValue.EmptyString),
        new("signal", result.Signal is { } signal ? signal : RedisValue.EmptyString),
        new("reason", result.Reason ?? RedisValue.EmptyString),
        new("started_ms", result.Started.ToUnixTimeMilliseconds()),
        new("runtime_ms", (long)result.Runtime.TotalMilliseconds),
        new("attempts", result.Attempts),
        new("worker", worker),
        new("out", result.Output.ToArray()),
        new("err", result.Error.ToArray()),
    ];

    public static long SequenceOf(StreamEntry entry) => (long)entry["seq"];

    /// <summary>The run a job's entry belongs to: its id is RUN:SEQUENCE.</summary>
    public static string RunOf(StreamEntry entry) => RunOf((string)entry["id"]!);

    public static string RunOf(string id) => id[..Math.Max(0, id.IndexOf(':', StringComparison.Ordinal))];

    /// <summary>The result a worker posted, for <paramref name="job"/> (the producer's own copy of it).</summary>
    public static JobResult ReadResult(StreamEntry entry, Job job, int memoryLimit, string? spillDirectory)
    {
        int? Number(string field) => entry[field].IsNullOrEmpty ? null : (int)entry[field];
        string? Text(string field) => entry[field].IsNullOrEmpty ? null : entry[field].ToString();
        return new JobResult(job, Enum.Parse<JobStatus>((string)entry["status"]!))
        {
            ExitCode = Number("exit"),
            Signal = Number("signal"),
            Reason = Text("reason"),
            Started = DateTimeOffset.FromUnixTimeMilliseconds((long)entry["started_ms"]),
            Runtime = TimeSpan.FromMilliseconds((long)entry["runtime_ms"]),
            Attempts = (int)entry["attempts"],
            Worker = Text("worker"),
            Output = JobOutput.FromBytes((byte[])entry["out"]!, memoryLimit, spillDirectory),
            Error = JobOutput.FromBytes((byte[])entry["err"]!, memoryLimit, spillDirectory),
        };
    }
}
