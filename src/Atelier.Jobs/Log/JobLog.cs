using System.Globalization;
using System.Text;
using Atelier.Jobs.Running;

namespace Atelier.Jobs.Log;

/// <summary>
/// The job log in GNU parallel's format: a header, then one tab-separated line per ended job (Seq, Host, Starttime,
/// JobRuntime, Send, Receive, Exitval, Signal, Command), each line flushed as it is written.
/// </summary>
/// <remarks>Not thread-safe: write from the loop that receives results.</remarks>
public sealed class JobLog : IAsyncDisposable
{
    /// <summary>The header line.</summary>
    public const string Header = "Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand";

    private readonly StreamWriter writer;
    private readonly string path;

    private JobLog(StreamWriter writer, string path)
    {
        this.writer = writer;
        this.path = path;
    }

    /// <summary>Opens <paramref name="path"/> for appending, writing the header when the file is new or empty.</summary>
    /// <exception cref="AtelierException">The file cannot be opened for writing.</exception>
    public static async Task<JobLog> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AtelierException($"Cannot write the job log '{path}': {e.Message}", e);
        }

        var log = new JobLog(new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" }, path);
        if (stream.Length == 0)
        {
            await log.WriteLineAsync(Header, cancellationToken).ConfigureAwait(false);
        }

        return log;
    }

    /// <summary>Appends the line of one ended job; skipped jobs are not logged again.</summary>
    /// <exception cref="AtelierException">The line cannot be written (a full disk, say).</exception>
    public async Task WriteAsync(JobResult result, string host = ":", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status == JobStatus.Skipped)
        {
            return;
        }

        var line = string.Create(CultureInfo.InvariantCulture, $"{result.Job.Sequence}\t{host}\t{result.Started.ToUnixTimeMilliseconds() / 1000.0:0.000}\t{result.Runtime.TotalSeconds,10:0.000}\t{result.Job.Input?.Length ?? 0}\t{result.Output.Length + result.Error.Length}\t{result.ExitCode ?? -1}\t{result.Signal ?? 0}\t{Escape(result.Job.CommandLine)}");
        await WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What an earlier run's log says about each command it ran; an absent file is an empty history.</summary>
    /// <exception cref="AtelierException">The file exists but is not a job log.</exception>
    internal static JobLogHistory Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var history = new JobLogHistory();
        if (!File.Exists(path))
        {
            return history;
        }

        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if ((number == 1 && line == Header) || line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t', 9);
            if (fields.Length != 9
                || !int.TryParse(fields[6], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exit)
                || !int.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var signal))
            {
                throw new AtelierException($"'{path}' line {number} is not a job log line (nine tab-separated fields, Exitval and Signal numbers).");
            }

            history.Record(Job.HashCommand(Unescape(fields[8])), exit == 0 && signal == 0);
        }

        return history;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => writer.DisposeAsync();

    private async Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        try
        {
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new AtelierException($"Cannot write the job log '{path}': {e.Message}", e);
        }
    }

    // One job per line: a command's own newlines and tabs are written as \n and \t, and backslashes doubled.
    private static string Escape(string command) =>
        command.AsSpan().ContainsAny('\\', '\n', '\t') || command.Contains('\r', StringComparison.Ordinal)
            ? command.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal).Replace("\t", @"\t", StringComparison.Ordinal).Replace("\r", @"\r", StringComparison.Ordinal)
            : command;

    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 1 < field.Length)
            {
                i++;
                text.Append(field[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var c => c });
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }
}
