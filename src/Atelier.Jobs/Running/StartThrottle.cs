using System.Globalization;

namespace Atelier.Jobs;

/// <summary>Holds back job starts: at least <see cref="JobRunnerOptions.Delay"/> apart, and not while the machine is too busy.</summary>
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
        (options.MaxLoad is { } load && LoadAverage() > load)
        || (options.MinMemoryAvailable is { } memory && MemoryAvailable() < memory);

    private static double LoadAverage()
    {
        var text = File.ReadAllText("/proc/loadavg");
        return double.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
    }

    private static long MemoryAvailable()
    {
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                return 1024 * long.Parse(line.AsSpan(13).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        return long.MaxValue;
    }
}
