using Atelier.Proc;

namespace Atelier.Jobs.Running;

/// <summary>Holds back job starts: at least <see cref="JobRunnerOptions.Delay"/> apart, and not while the machine is too busy.</summary>
/// <remarks>
/// Load and memory come from <see cref="JobRunnerOptions.ProcRoot"/>'s loadavg and meminfo, read again at each check;
/// a kernel too old to say how much memory is available never holds a start back.
/// </remarks>
internal sealed class StartThrottle(JobRunnerOptions options)
{
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(1);
    private readonly Lock gate = new();
    private readonly TimeProvider time = options.TimeProvider;
    private long nextStart;

    public bool IsActive => options.Delay is not null || options.MaxLoad is not null || options.MinMemoryAvailable is not null;

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (options.Delay is { } delay)
        {
            TimeSpan wait;
            lock (gate)
            {
                var now = time.GetTimestamp();
                var start = Math.Max(now, nextStart);
                nextStart = start + (long)(delay.TotalSeconds * time.TimestampFrequency);
                wait = time.GetElapsedTime(now, start);
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }

        while (TooBusy())
        {
            await Task.Delay(RecheckEvery, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool TooBusy() =>
        (options.MaxLoad is { } load && Read("loadavg", ProcParsers.LoadAverage).One > load)
        || (options.MinMemoryAvailable is { } memory && Read("meminfo", ProcParsers.MemInfo).Available is var available and > 0 && (long)available * 1024 < memory);

    private T Read<T>(string file, ProcParser<T> parse)
    {
        using var proc = new ProcFile(Path.Combine(options.ProcRoot, file));
        return parse(proc.Read());
    }

    private delegate T ProcParser<out T>(ReadOnlySpan<byte> text);
}
