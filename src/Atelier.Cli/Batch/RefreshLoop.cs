namespace Atelier.Cli.Batch;

/// <summary>The one refresh loop of the CLI: runs the work, and redraws every interval until it ends.</summary>
internal static class RefreshLoop
{
    /// <summary>Awaits <paramref name="work"/>, calling <paramref name="refresh"/> every <paramref name="every"/> meanwhile.</summary>
    /// <remarks>The work's exception, or its cancellation, comes out of this method once it has ended.</remarks>
    public static async Task RunAsync(Task work, TimeSpan every, Action refresh, TimeProvider? time = null)
    {
        using var timer = new PeriodicTimer(every, time ?? TimeProvider.System);
        while (!work.IsCompleted)
        {
            var tick = timer.WaitForNextTickAsync().AsTask();
            if (await Task.WhenAny(work, tick).ConfigureAwait(false) == work)
            {
                break;
            }

            refresh();
        }

        await work.ConfigureAwait(false);
    }
}
