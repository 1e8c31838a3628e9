namespace Atelier.Jobs.Planning;

/// <summary>
/// GNU parallel's way of writing a run in words: the command, then its input sources (<c>:::</c> values,
/// <c>::::</c> files, <c>:::+</c> and <c>::::+</c> linked to the source before).
/// </summary>
public static class JobArguments
{
    private static readonly string[] Markers = [":::", ":::+", "::::", "::::+"];
    private static readonly string[] ShellSyntax = ["|", "||", "&&", ";", "&", ">", ">>", "<", "2>", "2>&1", "&>"];

    /// <summary>Splits the words into the command's and the input sources.</summary>
    /// <param name="words">The command and its sources, as given.</param>
    /// <param name="shell">Whether the command runs through /bin/sh (shell syntax is then the command's own).</param>
    /// <param name="splitWord">How a command given as one word with spaces (<c>'gzip -9 {}'</c>, as GNU parallel users write it) becomes words; null to keep it one.</param>
    /// <exception cref="AtelierException">No command, a marker without values or files, or shell syntax without a shell.</exception>
    public static (IReadOnlyList<string> Command, IReadOnlyList<JobSource> Sources) Split(IReadOnlyList<string> words, bool shell, Func<string, IEnumerable<string>>? splitWord = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        var first = words.ToList().FindIndex(w => Markers.Contains(w));
        var command = first < 0 ? [.. words] : words.Take(first).ToList();
        if (command.Count == 1 && !shell && splitWord is not null && command[0].Any(char.IsWhiteSpace))
        {
            // Split once, never through a shell.
            command = [.. splitWord(command[0])];
        }

        if (command.Count == 0)
        {
            throw new AtelierException("Name a command to run, for example: atelier run gzip -9 {} ::: *.log");
        }

        if (!shell && command.FirstOrDefault(ShellSyntax.Contains) is { } syntax)
        {
            throw new AtelierException($"'{syntax}' is shell syntax, and atelier runs the command without a shell: add Shell (every value is quoted for it).", ["JobPlanOptions.Shell"]);
        }

        var sources = new List<JobSource>();
        for (var i = first; i >= 0 && i < words.Count;)
        {
            var marker = words[i];
            var end = words.ToList().FindIndex(i + 1, w => Markers.Contains(w));
            var values = words.Skip(i + 1).Take((end < 0 ? words.Count : end) - i - 1).ToList();
            if (values.Count == 0)
            {
                throw new AtelierException($"'{marker}' is followed by no {(marker.StartsWith("::::", StringComparison.Ordinal) ? "file" : "value")}.");
            }

            var linked = marker.EndsWith('+');
            if (marker.StartsWith("::::", StringComparison.Ordinal))
            {
                // Each file is a source of its own, as in GNU parallel; a + links the first of them.
                sources.AddRange(values.Select((file, n) => new JobSource(null, file, linked && n == 0)));
            }
            else
            {
                sources.Add(new JobSource(values, null, linked));
            }

            i = end;
        }

        return (command, sources);
    }
}
