using System.CommandLine;

namespace Atelier.Cli.Batch;

/// <summary>Where a batch's results and summary go.</summary>
/// <param name="Results">stdout: JSON lines with <paramref name="Json"/>.</param>
/// <param name="Summary">Where the details and summary line go; null for none (results as JSON keep stdout for machines).</param>
/// <param name="Json">Whether each result is written to <paramref name="Results"/> as a JSON line.</param>
/// <param name="ReportPath">A file to write each result to as a JSON line, or null.</param>
internal sealed record BatchOutput(TextWriter Results, TextWriter? Summary, bool Json, string? ReportPath)
{
    /// <summary>Put before the summary line: "atelier run: " where the summary shares stderr with other output.</summary>
    public string SummaryPrefix { get; init; } = "";

    /// <summary>Write the summary only when something failed or stopped the run (<c>run --quiet</c>).</summary>
    public bool SummaryOnlyOnFailure { get; init; }

    /// <summary>Quiet (<c>-q</c>): of the details, only what failed; the summary line as ever.</summary>
    public bool Quiet { get; init; }

    /// <summary>A batch whose results are for people on stdout: a table and a summary, or JSON lines and no summary.</summary>
    public static BatchOutput For(ParseResult parse, Option<bool> json, Option<string?> report, Option<bool> quiet)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var asJson = parse.GetValue(json);
        return new BatchOutput(stdout, asJson ? null : stdout, asJson, parse.GetValue(report)) { Quiet = parse.GetValue(quiet) };
    }
}
