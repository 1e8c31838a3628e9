using Atelier.Jobs.Inputs;

namespace Atelier.Cli.Commands.Run;

/// <summary>Opens the input sources the command line named; none means standard input.</summary>
internal static class RunInputs
{
    public static IReadOnlyList<InputSource> Open(IReadOnlyList<SourceWords> sources, char separator)
    {
        if (sources.Count == 0)
        {
            return [InputSource.FromReader(Console.In, separator)];
        }

        return [.. sources.Select(source => source switch
        {
            { Values: { } values } => InputSource.FromValues(values, source.Linked),
            { File: "-" } => InputSource.FromReader(Console.In, separator, source.Linked),
            _ => InputSource.FromFile(source.File!, separator, source.Linked),
        })];
    }

    /// <summary>How many sources there are (standard input counts as one).</summary>
    public static int Count(IReadOnlyList<SourceWords> sources) => Math.Max(1, sources.Count);

    /// <summary>Whether the sources can be read once to count the jobs and again to run them: not standard input.</summary>
    public static bool CanReadTwice(IReadOnlyList<SourceWords> sources) => sources.Count > 0 && sources.All(s => s.File != "-");
}
