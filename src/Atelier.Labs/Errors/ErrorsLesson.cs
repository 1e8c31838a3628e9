using System.Diagnostics;
using Atelier.Work;

namespace Atelier.Labs.Errors;

/// <summary>A batch in which some items throw: each failure is caught around its item, recorded and counted.</summary>
internal static class ErrorsLesson
{
    /// <summary>The lesson as <c>atelier lab errors</c> runs it.</summary>
    public static Lesson Definition { get; } = new LessonOf<ErrorsOptions>(
        "errors",
        _ => new ErrorsOptions(),
        [
            LessonOf<ErrorsOptions>.Number("items", o => o.Items, (o, v) => o with { Items = v }, 1, 1_000_000),
            LessonOf<ErrorsOptions>.Number("fail-every", o => o.FailEvery, (o, v) => o with { FailEvery = v }, 0, 1_000_000),
            LessonOf<ErrorsOptions>.Number("workers", o => o.Workers, (o, v) => o with { Workers = v }, 1, 256),
        ],
        (options, _, ct) => Run(RunAsync(options, ct)));

    /// <summary>Runs the batch on the work pool and collects every item's outcome in order.</summary>
    public static async Task<ErrorsReport> RunAsync(ErrorsOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Items, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.FailEvery);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1);

        var clock = Stopwatch.StartNew();
        var outcomes = new List<OrderOutcome>();
        var pool = new WorkPoolOptions { MaxDegreeOfParallelism = options.Workers, PreserveOrder = true };
        await foreach (var result in WorkPool.RunAsync(
            Enumerable.Range(1, options.Items),
            (item, ct) => OrderProcessor.ProcessAsync(item.Value, options.FailEvery, ct),
            pool,
            cancellationToken).ConfigureAwait(false))
        {
            outcomes.Add(new OrderOutcome(
                result.Item,
                result.Status.ToString().ToLowerInvariant(),
                result.Succeeded ? result.Value : null,
                result.Reason,
                Figures.Ms(result.Elapsed)));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new ErrorsReport(outcomes, Figures.Ms(clock.Elapsed));
    }

    private static async Task<LessonReport> Run(Task<ErrorsReport> run) => await run.ConfigureAwait(false);
}
