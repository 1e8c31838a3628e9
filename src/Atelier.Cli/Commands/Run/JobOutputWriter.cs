using System.Text;
using Atelier.Cli.Batch;
using Atelier.Cli.Rendering;
using Atelier.Jobs.Running;

namespace Atelier.Cli.Commands.Run;

/// <summary>
/// Writes jobs' output to atelier's stdout and stderr: each job's whole when it ends, or line by line as it comes
/// (<c>--line-buffer</c>), with the job's values in front of each line under <c>--tag</c>.
/// </summary>
internal sealed class JobOutputWriter(Stream output, Stream error, bool tag)
{
    private readonly Lock gate = new();

    /// <summary>
    /// Onto the command's stdout and stderr, as bytes when they are the process's own; through the view when a live
    /// display shares the terminal with them, so job output lands above the bar, never inside it.
    /// </summary>
    public static JobOutputWriter For(TextWriter stdout, TextWriter stderr, BatchView view, bool tag)
    {
        var above = view.Above is { } live ? new TextWriterStream(live) : null;
        return new JobOutputWriter(
            above is not null && Terminal.IsInteractive(stdout) ? above : TextWriterStream.For(stdout),
            above ?? TextWriterStream.For(stderr),
            tag);
    }

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
