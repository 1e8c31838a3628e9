using System.Globalization;
using Spectre.Console;

namespace Atelier.Cli.Batch;

/// <summary>The first <see cref="Shown"/> failures, a line each, and how many more there were.</summary>
/// <param name="line">A failure as a line: "  #2 exited with code 3: sh -c 'exit 3'".</param>
/// <param name="more">Where to find the rest, after "and N more".</param>
internal sealed class FailureList<TResult>(Func<TResult, string> line, string more) : IBatchDetails<TResult>
{
    private const int Shown = 20;
    private readonly List<string> lines = [];
    private long failed;

    public bool BeforeSummary => false;

    public void Add(TResult result, BatchOutcome outcome)
    {
        if (outcome != BatchOutcome.Failed)
        {
            return;
        }

        failed++;
        if (lines.Count < Shown)
        {
            lines.Add(line(result));
        }
    }

    public void Write(Func<IAnsiConsole> console, TextWriter output, bool quiet)
    {
        foreach (var text in lines)
        {
            output.WriteLine(text);
        }

        if (failed > lines.Count)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  and {failed - lines.Count:N0} more ({more})."));
        }
    }
}
