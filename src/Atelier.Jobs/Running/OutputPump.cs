using System.Buffers;

namespace Atelier.Jobs.Running;

/// <summary>Reads one of a job's pipes to its end: into the job's output, or line by line to a <see cref="JobLineHandler"/>.</summary>
internal static class OutputPump
{
    private const int ChunkSize = 1 << 17;

    public static async Task RunAsync(Stream pipe, JobOutput output, Job job, bool standardError, JobLineHandler? lines, CancellationToken cancellationToken)
    {
        try
        {
            if (lines is null)
            {
                // Straight into the output's own memory: no copy on the way.
                int read;
                while ((read = await pipe.ReadAsync(output.GetAppendBuffer(), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    output.Advance(read);
                }
            }
            else
            {
                await PassLinesAsync(pipe, job, standardError, lines, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The job exited and what it left behind kept the pipe open past the drain grace: what came so far stays.
        }
        finally
        {
            output.Complete();
        }
    }

    private static async Task PassLinesAsync(Stream pipe, Job job, bool standardError, JobLineHandler lines, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var partial = new ArrayBufferWriter<byte>();
        try
        {
            int read;
            while ((read = await pipe.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                PassLines(buffer.AsSpan(0, read), partial, job, standardError, lines);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (partial.WrittenCount > 0)
            {
                lines(job, standardError, partial.WrittenSpan);
            }
        }
    }

    private static void PassLines(ReadOnlySpan<byte> data, ArrayBufferWriter<byte> partial, Job job, bool standardError, JobLineHandler lines)
    {
        int newline;
        while ((newline = data.IndexOf((byte)'\n')) >= 0)
        {
            var line = data[..(newline + 1)];
            if (partial.WrittenCount == 0)
            {
                lines(job, standardError, line);
            }
            else
            {
                partial.Write(line);
                lines(job, standardError, partial.WrittenSpan);
                partial.ResetWrittenCount();
            }

            data = data[(newline + 1)..];
        }

        partial.Write(data);
    }
}
