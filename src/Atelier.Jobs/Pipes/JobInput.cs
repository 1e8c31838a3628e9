using System.Runtime.Versioning;
using Atelier.Jobs.Unix;

namespace Atelier.Jobs.Pipes;

/// <summary>What a job reads on its standard input: a block of a larger input, fed into a pipe as the job reads it.</summary>
/// <remarks>The runner disposes it when the job has ended for good (after its last attempt): a retry is fed it again.</remarks>
public abstract class JobInput : IDisposable
{
    /// <summary>How many bytes the job is given (the Send column of the job log).</summary>
    public abstract long Length { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>All of it in one array, as the job receives it: what a queue carries to a worker.</summary>
    /// <exception cref="IOException">The input could not be read.</exception>
    public abstract byte[] ToArray();

    /// <summary>Writes the input into the job's stdin, blocking while the pipe is full.</summary>
    /// <returns>False when the job closed its stdin before taking all of it.</returns>
    /// <exception cref="IOException">The input could not be read or written.</exception>
    [SupportedOSPlatform("linux")]
    internal abstract bool WriteTo(InputPipe pipe);

    /// <summary>Gives back what the input holds.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
