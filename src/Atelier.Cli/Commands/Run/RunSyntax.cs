using System.Globalization;
using Atelier.Jobs.Planning;

namespace Atelier.Cli.Commands.Run;

/// <summary>How <c>atelier run</c> reads job counts, sizes and loads, as GNU parallel writes them.</summary>
internal static class RunSyntax
{
    /// <summary>A number of job slots as GNU parallel writes it (<see cref="JobSlots"/>), relative to this machine's cores.</summary>
    public static bool TryParseJobs(string text, out int jobs) => JobSlots.TryParse(text, Environment.ProcessorCount, out jobs);

    /// <summary>A size as GNU parallel writes it (<see cref="SizeUnits.Parallel"/>: <c>8M</c> is 8 MiB, <c>8m</c> 8,000,000 bytes); not negative.</summary>
    public static bool TryParseSize(string text, out long bytes) => ByteSize.TryParse(text, SizeUnits.Parallel, out bytes) && bytes >= 0;

    /// <summary>A <c>--block</c> size: a size, or -N (N blocks per job slot, for --pipe-part); not 0.</summary>
    public static bool TryParseBlock(string text, out long bytes) => ByteSize.TryParse(text, SizeUnits.Parallel, out bytes) && bytes != 0;

    /// <summary>A number of seconds, negative allowed (<c>--semaphore-timeout -10</c>: give up after 10 s).</summary>
    public static bool TryParseSeconds(string text, out double? seconds)
    {
        seconds = double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value != 0 ? value : null;
        return seconds is not null;
    }

    /// <summary>A non-negative number: a load average.</summary>
    public static bool TryParseLoad(string text, out double load) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out load) && load >= 0;
}
