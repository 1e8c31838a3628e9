using System.Text;

namespace Atelier.Jobs;

/// <summary>
/// What a job wrote to one of its streams: in memory up to a limit, then in a temporary file that is deleted when
/// this is disposed.
/// </summary>
/// <remarks>Written by the runner while the job runs; read by the caller once the job's result is out.</remarks>
public sealed class JobOutput : IDisposable
{
    private readonly int memoryLimit;
    private readonly string? spillDirectory;
    private MemoryStream? memory;
    private FileStream? spill;

    internal JobOutput(int memoryLimit, string? spillDirectory)
    {
        this.memoryLimit = memoryLimit;
        this.spillDirectory = spillDirectory;
    }

    /// <summary>An output with nothing in it.</summary>
    public static JobOutput Empty { get; } = new(0, null);

    /// <summary>How many bytes the job wrote.</summary>
    public long Length { get; private set; }

    /// <summary>Whether the output outgrew the memory limit and sits in a temporary file.</summary>
    public bool Spilled => spill is not null;

    /// <summary>Copies the output to <paramref name="destination"/>.</summary>
    public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (spill is not null)
        {
            spill.Position = 0;
            await spill.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        else if (memory is not null)
        {
            await destination.WriteAsync(memory.GetBuffer().AsMemory(0, (int)memory.Length), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The output decoded as UTF-8; for small outputs.</summary>
    public override string ToString()
    {
        if (spill is null)
        {
            return memory is null ? "" : Encoding.UTF8.GetString(memory.GetBuffer(), 0, (int)memory.Length);
        }

        spill.Position = 0;
        using var reader = new StreamReader(spill, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        return reader.ReadToEnd();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        memory = null;
        spill?.Dispose();
    }

    internal void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        Length += data.Length;
        if (spill is null && (memory?.Length ?? 0) + data.Length > memoryLimit)
        {
            spill = new FileStream(
                Path.Combine(spillDirectory ?? Path.GetTempPath(), $"atelier-job-{Guid.NewGuid():N}.out"),
                FileMode.CreateNew,
                FileAccess.ReadWrite,
                FileShare.None,
                bufferSize: 1 << 16,
                FileOptions.DeleteOnClose);
            if (memory is not null)
            {
                spill.Write(memory.GetBuffer(), 0, (int)memory.Length);
                memory = null;
            }
        }

        if (spill is not null)
        {
            spill.Write(data);
        }
        else
        {
            (memory ??= new MemoryStream()).Write(data);
        }
    }
}
