using Atelier.Jobs.Log;
using Atelier.Jobs.Results;

namespace Atelier.Jobs.Running;

/// <summary>
/// Where each ended job goes, as GNU parallel puts it: its output onto a <see cref="JobOutputWriter"/>, a line in the job
/// log (<c>--joblog</c>), its values, status and output kept (<c>--results</c>). One per run.
/// </summary>
/// <remarks>Results are written one at a time, in the order given; each is disposed once written.</remarks>
public sealed class JobRecorder : IAsyncDisposable
{
    private readonly JobOutputWriter output;
    private readonly JobLog? log;
    private readonly JobResults? results;

    private JobRecorder(JobOutputWriter output, JobLog? log, JobResults? results)
    {
        this.output = output;
        this.log = log;
        this.results = results;
    }

    /// <summary>Opens the job log and the results, when named.</summary>
    /// <param name="output">Where jobs' output goes.</param>
    /// <param name="jobLog">The job log to append to; null for none.</param>
    /// <param name="results">Where to keep results (a folder, <c>.jsonl</c> or <c>.csv</c>); null for none.</param>
    /// <param name="lines">Whether output is passed on line by line as it comes (<see cref="JobRunnerOptions.Lines"/>), so results cannot keep it.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <exception cref="AtelierException">Results asked for with output passed on by lines, or a file that cannot be opened.</exception>
    public static async Task<JobRecorder> OpenAsync(JobOutputWriter output, string? jobLog, string? results, bool lines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (results is not null && lines)
        {
            throw new AtelierException("Results keeps each job's whole output; Lines passes it on as it comes: choose one.", ["JobRecorder.Results", "JobRunnerOptions.Lines"]);
        }

        var log = jobLog is null ? null : await JobLog.OpenAsync(jobLog, cancellationToken).ConfigureAwait(false);
        try
        {
            return new JobRecorder(output, log, results is null ? null : JobResults.Open(results));
        }
        catch
        {
            if (log is not null)
            {
                await log.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Writes the job's output, its job log line (the Host column: the worker that ran it, else <c>:</c>) and its results, then disposes it.</summary>
    public async ValueTask WriteAsync(JobResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using (result)
        {
            await output.WriteAsync(result).ConfigureAwait(false);
            await (log?.WriteAsync(result, result.Worker ?? ":", CancellationToken.None) ?? Task.CompletedTask).ConfigureAwait(false);
            await (results?.WriteAsync(result, CancellationToken.None) ?? Task.CompletedTask).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the job log and the results.</summary>
    public async ValueTask DisposeAsync()
    {
        if (log is not null)
        {
            await log.DisposeAsync().ConfigureAwait(false);
        }

        if (results is not null)
        {
            await results.DisposeAsync().ConfigureAwait(false);
        }
    }
}
