using Spectre.Console;

namespace Atelier.Cli.Batch;

/// <summary>What a batch lists for people at its end, beside the counts: a table of results, or the failures.</summary>
internal interface IBatchDetails<in TResult>
{
    /// <summary>Whether the details come before the summary line (a table) or after it (a list of failures).</summary>
    bool BeforeSummary { get; }

    void Add(TResult result, BatchOutcome outcome);

    /// <summary>Writes the details; <paramref name="quiet"/>: only what failed (<c>-q</c> is the summary and the failures).</summary>
    void Write(Func<IAnsiConsole> console, TextWriter output, bool quiet);
}
