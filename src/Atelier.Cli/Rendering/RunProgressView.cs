using System.Diagnostics;
using System.Globalization;
using Atelier.Jobs;
using Spectre.Console;

namespace Atelier.Cli.Rendering;

/// <summary>
/// <c>atelier run --bar</c> on stderr: a progress bar with the time left on a terminal (a counter when the number of
/// jobs is unknown), a line every few seconds otherwise.
/// </summary>
internal sealed class RunProgressView(TextWriter error, long? total)
{
    private long ended;
    private long failed;

    public void Ended(JobResult result)
    {
        Interlocked.Increment(ref ended);
        if (result.Status is JobStatus.Failed or JobStatus.TimedOut or JobStatus.NotStarted)
        {
            Interlocked.Increment(ref failed);
        }
    }

    public async Task RunAsync(Func<Task> run)
    {
        var clock = Stopwatch.StartNew();
        if (!Terminal.IsInteractive(error))
        {
            var task = run();
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
            while (await Task.WhenAny(task, timer.WaitForNextTickAsync().AsTask()).ConfigureAwait(false) != task)
            {
                await error.WriteLineAsync($"run: {Line(clock.Elapsed)}").ConfigureAwait(false);
            }

            await task.ConfigureAwait(false);
            return;
        }

        var progress = Terminal.For(error).Progress().AutoClear(true).Columns(
            new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new ElapsedTimeColumn());
        await progress.StartAsync(async context =>
        {
            var bar = context.AddTask("jobs", maxValue: total ?? 1);
            bar.IsIndeterminate = total is null;
            var task = run();
            while (await Task.WhenAny(task, Task.Delay(200)).ConfigureAwait(false) != task)
            {
                bar.Value = Interlocked.Read(ref ended);
                bar.Description = Markup.Escape(Line(clock.Elapsed));
            }

            bar.Value = bar.MaxValue;
            await task.ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private string Line(TimeSpan elapsed)
    {
        var done = Interlocked.Read(ref ended);
        var of = total is { } all ? string.Create(CultureInfo.InvariantCulture, $"/{all:N0}") : "";
        var left = total is { } count && done > 0 && done < count
            ? string.Create(CultureInfo.InvariantCulture, $", about {elapsed.TotalSeconds / done * (count - done):0} s left")
            : "";
        return string.Create(CultureInfo.InvariantCulture, $"{done:N0}{of} jobs, {Interlocked.Read(ref failed):N0} failed{left}");
    }
}
