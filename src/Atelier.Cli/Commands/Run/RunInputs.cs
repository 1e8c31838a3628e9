using Atelier.Jobs.Inputs;

namespace Atelier.Cli.Commands.Run;

/// <summary>Opens the input sources the command line named; none means standard input.</summary>
internal static class RunInputs
{
    public static IReadOnlyList<InputSource> Open(IReadOnlyList<SourceWords> sources, InputFormat format)
    {
        if (sources.Count == 0)
        {
            return [InputSource.FromReader(Console.In, format)];
        }

        return [.. sources.Select(source => source switch
        {
            { Values: { } values } => InputSource.FromValues(values, format, source.Linked),
            { File: "-" } => InputSource.FromReader(Console.In, format, source.Linked),
            _ => InputSource.FromFile(source.File!, format, source.Linked),
        })];
    }

    /// <summary>How many sources there are (standard input counts as one).</summary>
    public static int Count(IReadOnlyList<SourceWords> sources) => Math.Max(1, sources.Count);

    /// <summary>Whether the sources can be read once to count the jobs and again to run them: not standard input.</summary>
    public static bool CanReadTwice(IReadOnlyList<SourceWords> sources) => sources.Count > 0 && sources.All(s => s.File != "-");
}
