using System.Globalization;
using Atelier.Cli.Commands.Fetch;
using Atelier.Fetch;

namespace Atelier.Cli.Rendering;

/// <summary>The overall line: done / failed / total, bytes, throughput, and an estimate once it can be made.</summary>
internal static class FetchOverall
{
    public static string Describe(FetchTotals totals)
    {
        var total = totals.InputComplete ? totals.Read.ToString("N0", CultureInfo.InvariantCulture) : $"{totals.Read:N0}+";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{totals.Succeeded:N0}/{total} done, {totals.Failed:N0} failed, {totals.Active} running, {FetchSummary.Size(totals.Bytes)} at {FetchSummary.Size((long)totals.BytesPerSecond)}/s");

        // Only when everything left is running and announced its size is there something honest to estimate.
        var left = totals.Read - totals.Succeeded - totals.Failed;
        if (totals.InputComplete && left == totals.Active && totals.BytesPerSecond > 0 && totals.ExpectedBytes > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", about {TimeSpan.FromSeconds(totals.ExpectedBytes / totals.BytesPerSecond):mm\\:ss} left");
        }

        return line;
    }
}
