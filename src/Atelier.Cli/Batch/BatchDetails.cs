using Spectre.Console;

namespace Atelier.Cli.Batch;

/// <summary>What a batch lists for people at its end, beside the counts: a table of results, or the failures.</summary>
internal interface IBatchDetails<in TResult>
{
    /// <summary>Whether the details come before the summary line (a table) or after it (a list of failures).</summary>
    bool BeforeSummary { get; }

    void Add(TResult result, bool succeeded);

    void Write(Func<IAnsiConsole> console, TextWriter output);
}
