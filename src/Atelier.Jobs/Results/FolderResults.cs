using System.Globalization;
using System.Text;
using Atelier.Jobs.Running;

namespace Atelier.Jobs.Results;

/// <summary>
/// GNU parallel's layout: <c>DIR/1/VALUE1/2/VALUE2/</c> holding <c>seq</c>, <c>stdout</c> and <c>stderr</c>, plus
/// <c>exit</c> (the exit code, or <c>signal N</c>). Each file is written beside its name and renamed into place, so
/// a file that is there is complete.
/// </summary>
internal sealed class FolderResults : JobResults
{
    private readonly string root;

    public FolderResults(string root)
    {
        Directory.CreateDirectory(root);
        this.root = root;
    }

    private protected override async Task WriteCoreAsync(JobResult result, CancellationToken cancellationToken)
    {
        var folder = Folder(result.Job);
        Directory.CreateDirectory(folder);
        await WriteFileAsync(folder, "stdout", result.Output, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, "stderr", result.Error, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(folder, "seq", result.Job.Sequence.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        var exit = result.Signal is { } signal ? $"signal {signal}" : (result.ExitCode ?? -1).ToString(CultureInfo.InvariantCulture);
        await WriteTextAsync(folder, "exit", exit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Source number and value, in turn, for each value; a job without values (a block of --pipe) by its number.</summary>
    private string Folder(Job job)
    {
        if (job.Values.Count == 0)
        {
            return Path.Combine(root, "seq", job.Sequence.ToString(CultureInfo.InvariantCulture));
        }

        var parts = new List<string>(2 * job.Values.Count + 1) { root };
        for (var i = 0; i < job.Values.Count; i++)
        {
            parts.Add((i + 1).ToString(CultureInfo.InvariantCulture));
            parts.Add(Name(job.Values[i]));
        }

        return Path.Combine([.. parts]);
    }

    /// <summary>
    /// A value as one folder name, as GNU parallel writes it (<c>\</c> as <c>\\</c>, <c>/</c> as <c>\_</c>), never
    /// <c>.</c>, <c>..</c> or empty, cut to 255 bytes.
    /// </summary>
    internal static string Name(string value)
    {
        var name = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("/", "\\_", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);
        name = name switch
        {
            "" => "\\e",
            "." => "\\.",
            ".." => "\\.\\.",
            _ => name,
        };
        while (Encoding.UTF8.GetByteCount(name) > 255)
        {
            name = name[..^1];
        }

        return name;
    }

    private static async Task WriteFileAsync(string folder, string name, JobOutput output, CancellationToken cancellationToken)
    {
        var part = Path.Combine(folder, name + ".part");
        var file = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            await output.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        File.Move(part, Path.Combine(folder, name), overwrite: true);
    }

    private static async Task WriteTextAsync(string folder, string name, string text, CancellationToken cancellationToken)
    {
        var part = Path.Combine(folder, name + ".part");
        await File.WriteAllTextAsync(part, text + "\n", cancellationToken).ConfigureAwait(false);
        File.Move(part, Path.Combine(folder, name), overwrite: true);
    }
}
