using System.Diagnostics;
using System.Globalization;
using Atelier.Cli.Commands;
using Atelier.Cli.Rendering;

namespace Atelier.Cli.Batch;

/// <summary>
/// Runs a batch from the command line: shows progress while a library's results stream in, writes each as a JSON
/// line (<c>--json</c>, <c>--report</c>), keeps the bounded details and the counts for the end, writes the summary
/// line, and maps the outcome to an exit code: 0 all succeeded, 2 some failed, 130 interrupted.
/// </summary>
internal sealed class BatchDriver<TResult>
{
    /// <summary>The category every interrupted result has; it never counts as a failure.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>How a result is counted: one of <see cref="Categories"/>.</summary>
    public required Func<TResult, string> Category { get; init; }

    /// <summary>Every category, in the order the summary line names them.</summary>
    public required IReadOnlyList<string> Categories { get; init; }

    /// <summary>Categories that fail the run (exit 2); the summary line names them even at 0.</summary>
    public IReadOnlyList<string> Failures { get; init; } = ["failed"];

    /// <summary>What a result carries for the throughput (bytes, outputs); none by default.</summary>
    public Func<TResult, long>? Amount { get; init; }

    /// <summary>The end of the summary line, from the counts and the time taken: "1.2 MiB at 3.0 MiB/s".</summary>
    public required Func<BatchTally, TimeSpan, string> Throughput { get; init; }

    /// <summary>A line that replaces the usual summary when it applies ("Nothing to do: ..."); null when it does not.</summary>
    public Func<BatchTally, TimeSpan, string?>? Conclusion { get; init; }

    /// <summary>What ends the summary line after the counts: why the run stopped early, if it did.</summary>
    public Func<bool, string?>? Stopped { get; init; }

    /// <summary>Lines said once after the summary line (folders left out, for example); none by default.</summary>
    public Func<IEnumerable<string>>? Notes { get; init; }

    /// <summary>The table or the list of failures written with the summary.</summary>
    public IBatchDetails<TResult>? Details { get; init; }

    /// <summary>A result as one JSON line, for <c>--json</c> and <c>--report</c>.</summary>
    public Func<TResult, string>? Json { get; init; }

    /// <summary>What else happens with each result, in order (a job's output written, a job log line).</summary>
    public Func<TResult, ValueTask>? Each { get; init; }

    /// <summary>Runs the batch to its end; <paramref name="status"/> describes it for the view (given the counts so far).</summary>
    /// <returns>The exit code.</returns>
    public async Task<int> RunAsync(IAsyncEnumerable<TResult> results, BatchView view, Func<BatchTally, BatchStatus> status, BatchOutput output, CancellationToken cancellationToken)
    {
        await using var report = ReportFile.Open(output.ReportPath);
        var tally = new BatchTally(Categories);
        var clock = Stopwatch.StartNew();
        await view.RunAsync(
            async () =>
            {
                await foreach (var result in results.ConfigureAwait(false))
                {
                    var category = Category(result);
                    tally.Add(category, Amount?.Invoke(result) ?? 0);
                    Details?.Add(result, category == Interrupted ? BatchOutcome.Interrupted : Failures.Contains(category) ? BatchOutcome.Failed : BatchOutcome.Succeeded);
                    var line = Json is not null && (output.Json || report is not null) ? Json(result) : null;
                    if (output.Json)
                    {
                        await output.Results.WriteLineAsync(line).ConfigureAwait(false);
                    }

                    if (report is not null)
                    {
                        await report.WriteLineAsync(line).ConfigureAwait(false);
                    }

                    if (Each is not null)
                    {
                        await Each(result).ConfigureAwait(false);
                    }
                }
            },
            () => status(tally)).ConfigureAwait(false);

        var interrupted = cancellationToken.IsCancellationRequested;
        var failed = Failures.Sum(f => tally[f]);
        if (output.Summary is { } summary && !(output.SummaryOnlyOnFailure && failed == 0 && !interrupted && Stopped?.Invoke(false) is null))
        {
            Write(summary, tally, clock.Elapsed, interrupted ? NotStarted(tally, status(tally).Total) : null, output);
        }

        return interrupted ? ExitCodes.Interrupted : failed > 0 ? ExitCodes.ItemsFailed : ExitCodes.Success;
    }

    /// <summary>What an interruption left untouched: ", 9,203 not started", or ", the rest not started" when the input's length is not known.</summary>
    private static string NotStarted(BatchTally tally, long? total) => total switch
    {
        { } all when all > tally.Total => string.Create(CultureInfo.InvariantCulture, $", {all - tally.Total:N0} not started"),
        { } => "",
        null => ", the rest not started",
    };

    /// <param name="summary">Where the summary goes.</param>
    /// <param name="tally">The counts.</param>
    /// <param name="elapsed">How long the run took.</param>
    /// <param name="notStarted">Null when the run was not interrupted; else what it left untouched, to add to the counts.</param>
    /// <param name="output">Where the results went, and how quiet to be.</param>
    private void Write(TextWriter summary, BatchTally tally, TimeSpan elapsed, string? notStarted, BatchOutput output)
    {
        var interrupted = notStarted is not null;
        if (Details is { BeforeSummary: true })
        {
            Details.Write(() => Terminal.For(summary), summary, output.Quiet);
        }

        var line = (interrupted ? null : Conclusion?.Invoke(tally, elapsed)) ?? string.Create(CultureInfo.InvariantCulture,
            $"{(interrupted ? "Interrupted: " : "")}{tally.Describe(["failed"])}{notStarted} in {elapsed.TotalSeconds:0.00} s; {Throughput(tally, elapsed)}.");
        var stopped = Stopped?.Invoke(interrupted);
        summary.WriteLine($"{output.SummaryPrefix}{line}{(stopped is null ? "" : " " + stopped)}");
        foreach (var note in Notes?.Invoke() ?? [])
        {
            summary.WriteLine($"{output.SummaryPrefix}{note}");
        }

        if (Details is { BeforeSummary: false })
        {
            Details.Write(() => Terminal.For(summary), summary, output.Quiet);
        }
    }
}
