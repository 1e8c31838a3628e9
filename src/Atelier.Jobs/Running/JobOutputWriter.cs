using System.Text;

namespace Atelier.Jobs.Running;

/// <summary>
/// Writes jobs' output onto two streams, as GNU parallel does: each job's stdout and stderr whole when it ends (never
/// interleaved with another's), or line by line as they come (a <see cref="JobLineHandler"/>), with the job's values
/// and a tab in front of each line when tagged (<c>--tag</c>). Bytes pass as the jobs wrote them.
/// </summary>
/// <param name="output">Where jobs' stdout goes.</param>
/// <param name="error">Where jobs' stderr goes.</param>
/// <param name="tag">Whether each line starts with the job's values and a tab.</param>
/// <remarks>Thread-safe for <see cref="WriteLine"/>; <see cref="WriteAsync"/> is called for one result at a time.</remarks>
public sealed class JobOutputWriter(Stream output, Stream error, bool tag)
{
    /// <summary>Stands for the host in <see cref="TagString"/> while its placeholders are expanded.</summary>
    private const string HostMark = "\uE000host\uE000";

    private readonly Lock gate = new();
    private Templates.CommandTemplate? tagTemplate;

    /// <summary>
    /// What goes in front of each line instead of the job's values (<c>--tagstring</c>): the command's placeholders
    /// (<c>{}</c>, <c>{#}</c>, <c>{1}</c> ...) and <c>{host}</c>, the login the job ran on (<c>:</c> for here; with
    /// lines passed on as they come, <c>:</c> too: the host is known only when the job ends).
    /// </summary>
    /// <value>None: the job's values.</value>
    public string? TagString
    {
        get;
        init
        {
            field = value;
            tagTemplate = value is null ? null : Templates.CommandTemplate.Parse([value.Replace("{host}", HostMark, StringComparison.Ordinal)]);
        }
    }

    /// <summary>A byte stream onto a <see cref="TextWriter"/>, decoding UTF-8 as it goes: for output that is text, not a file.</summary>
    public static Stream Onto(TextWriter writer) => new TextWriterStream(writer);

    /// <summary>The job's stdout, then its stderr, each whole.</summary>
    public async Task WriteAsync(JobResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!tag)
        {
            await result.Output.CopyToAsync(output).ConfigureAwait(false);
            await result.Error.CopyToAsync(error).ConfigureAwait(false);
            return;
        }

        var prefix = Prefix(result.Job, result.Worker);
        await result.Output.CopyToAsync(new LinePrefixStream(output, prefix)).ConfigureAwait(false);
        await result.Error.CopyToAsync(new LinePrefixStream(error, prefix)).ConfigureAwait(false);
    }

    /// <summary>A <see cref="JobLineHandler"/>: one whole line, written at once, between other jobs' lines.</summary>
    public void WriteLine(Job job, bool standardError, ReadOnlySpan<byte> line)
    {
        var target = standardError ? error : output;
        lock (gate)
        {
            if (tag)
            {
                target.Write(Prefix(job));
            }

            target.Write(line);
        }
    }

    private byte[] Prefix(Job job, string? host = null)
    {
        if (tagTemplate is null)
        {
            return Encoding.UTF8.GetBytes(string.Join(' ', job.Values) + "\t");
        }

        var words = tagTemplate.Expand(job.Values, job.Sequence, 1);
        var tag = string.Join(' ', tagTemplate.HasPlaceholders ? words : words[..1]).Replace(HostMark, host ?? ":", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(tag + "\t");
    }
}
