using System.Globalization;
using System.Text;
using Atelier.Jobs.Running;
using nietras.SeparatedValues;

namespace Atelier.Jobs.Results;

/// <summary>
/// GNU parallel's CSV: Seq, Host, Starttime, JobRuntime, Send, Receive, Exitval, Signal, Command, V1..Vn, Stdout,
/// Stderr, written with Sep (fields quoted where they need it). The number of V columns is the first job's number
/// of values; a later job with more has the rest in Vn, space-separated.
/// </summary>
internal sealed class CsvResults : JobResults
{
    private readonly StreamWriter file;
    private readonly StringWriter row = new(CultureInfo.InvariantCulture) { NewLine = "\n" };
    private int? values;

    public CsvResults(string path) =>
        file = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { NewLine = "\n" };

    private protected override async Task WriteCoreAsync(JobResult result, CancellationToken cancellationToken)
    {
        var first = values is null;
        var count = values ??= Math.Max(1, result.Job.Values.Count);
        string[] names =
        [
            "Seq", "Host", "Starttime", "JobRuntime", "Send", "Receive", "Exitval", "Signal", "Command",
            .. Enumerable.Range(1, count).Select(i => $"V{i}"), "Stdout", "Stderr",
        ];
        var job = result.Job;
        var jobValues = job.Values.Count <= count ? [.. job.Values, .. Enumerable.Repeat("", count - job.Values.Count)]
            : job.Values.Take(count - 1).Append(string.Join(' ', job.Values.Skip(count - 1))).ToArray();
        string[] fields =
        [
            job.Sequence.ToString(CultureInfo.InvariantCulture),
            result.Worker ?? ":",
            (result.Started.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture),
            result.Runtime.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture),
            (job.Input?.Length ?? 0).ToString(CultureInfo.InvariantCulture),
            (result.Output.Length + result.Error.Length).ToString(CultureInfo.InvariantCulture),
            (result.ExitCode ?? -1).ToString(CultureInfo.InvariantCulture),
            (result.Signal ?? 0).ToString(CultureInfo.InvariantCulture),
            job.CommandLine,
            .. jobValues,
            result.Output.ToString(),
            result.Error.ToString(),
        ];

        row.GetStringBuilder().Clear();
        using (var csv = Sep.New(',').Writer(o => o with { WriteHeader = first, Escape = true }).To(row, leaveOpen: true))
        {
            using var line = csv.NewRow(cancellationToken);
            for (var i = 0; i < names.Length; i++)
            {
                line[names[i]].Set(fields[i]);
            }
        }

        await file.WriteAsync(row.GetStringBuilder(), cancellationToken).ConfigureAwait(false);
        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask DisposeAsync()
    {
        await file.DisposeAsync().ConfigureAwait(false);
        await row.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
