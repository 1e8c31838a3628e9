using System.Text;
using Atelier.Jobs;

namespace Atelier.Cli.Commands.Run;

/// <summary>
/// Writes jobs' output to atelier's stdout and stderr: each job's whole when it ends, or line by line as it comes
/// (<c>--line-buffer</c>), with the job's values in front of each line under <c>--tag</c>.
/// </summary>
internal sealed class JobOutputWriter(Stream output, Stream error, bool tag)
{
    private readonly Lock gate = new();

    /// <summary>The job's stdout to stdout, then its stderr to stderr; written even after Ctrl-C, so no finished work is lost.</summary>
    public async Task WriteAsync(JobResult result)
    {
        if (!tag)
        {
            await result.Output.CopyToAsync(output).ConfigureAwait(false);
            await result.Error.CopyToAsync(error).ConfigureAwait(false);
            return;
        }

        var prefix = Prefix(result.Job);
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

    private static byte[] Prefix(Job job) => Encoding.UTF8.GetBytes(string.Join(' ', job.Values) + "\t");
}
