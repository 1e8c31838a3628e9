using System.Globalization;
using Atelier.Imaging;
using Spectre.Console;

namespace Atelier.Cli.Rendering;

/// <summary>A resize run's progress on stderr: a live line on a terminal, a line every few seconds otherwise, or none.</summary>
internal sealed class ResizeView(TextWriter error, bool quiet) : IProgress<ResizeProgress>
{
    private long started;
    private long done;
    private long skipped;
    private long failed;

    public void Report(ResizeProgress value)
    {
        if (value.Result is null)
        {
            Interlocked.Increment(ref started);
            return;
        }

        var status = value.Result.Status;
        Interlocked.Increment(ref status == ResizeStatus.Resized ? ref done : ref status == ResizeStatus.Skipped ? ref skipped : ref failed);
    }

    public async Task RunAsync(Func<Task> resize)
    {
        if (quiet)
        {
            await resize().ConfigureAwait(false);
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (Terminal.IsInteractive(error))
        {
            await Terminal.For(error).Status().StartAsync("resizing", async status =>
            {
                var run = resize();
                while (await Task.WhenAny(run, Task.Delay(200)).ConfigureAwait(false) != run)
                {
                    status.Status(Markup.Escape(Line(clock.Elapsed)));
                }

                await run.ConfigureAwait(false);
            }).ConfigureAwait(false);
            return;
        }

        var task = resize();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        while (await Task.WhenAny(task, timer.WaitForNextTickAsync().AsTask()).ConfigureAwait(false) != task)
        {
            await error.WriteLineAsync($"resize: {Line(clock.Elapsed)}").ConfigureAwait(false);
        }

        await task.ConfigureAwait(false);
    }

    private string Line(TimeSpan elapsed)
    {
        var resized = Interlocked.Read(ref done);
        return string.Create(CultureInfo.InvariantCulture,
            $"{resized:N0} resized, {Interlocked.Read(ref skipped):N0} skipped, {Interlocked.Read(ref failed):N0} failed, {Interlocked.Read(ref started) - resized - Interlocked.Read(ref skipped) - Interlocked.Read(ref failed):N0} running; {resized / Math.Max(elapsed.TotalSeconds, 0.001):0.0} images/s");
    }
}
