using System.Runtime.CompilerServices;
using System.Runtime.Versioning;
using Atelier.Jobs.Inputs;
using Atelier.Jobs.Pipes;
using Atelier.Jobs.Remote;
using Atelier.Jobs.Templates;
using Atelier.Work;

namespace Atelier.Jobs.Running;

/// <summary>
/// Runs a command template over the values of many jobs, several at once, each job in its own process group with
/// its output kept whole (or passed on line by line) and its end reported as a <see cref="JobResult"/>.
/// </summary>
/// <remarks>
/// <para>Jobs are scheduled by the core's <see cref="WorkPool"/>: the values are read only as jobs start, and with
/// <see cref="WorkPoolOptions.PreserveOrder"/> results come back in input order.</para>
/// <para>Cancelling the token stops starting jobs and ends the running ones: SIGTERM to each process group, SIGKILL
/// after <see cref="JobRunnerOptions.KillGrace"/>. Their results (<see cref="JobStatus.Killed"/>) and those of jobs
/// that ended before are still yielded; jobs that never started are not.</para>
/// <para>A runner runs one batch at a time. Linux only: jobs are spawned with posix_spawn.</para>
/// </remarks>
public sealed class JobRunner
{
    /// <summary>The most jobs at once when a login file (<c>--slf</c>) may add hosts during the run.</summary>
    private const int LoginFileSlots = 256;

    private readonly CommandTemplate template;
    private readonly JobRunnerOptions options;
    private HaltWatch? halt;

    /// <summary>A runner for <paramref name="template"/>.</summary>
    /// <exception cref="AtelierException">Every job on every host (<see cref="RemoteOptions.OnAll"/>) with a job log's <see cref="JobRunnerOptions.Skip"/>.</exception>
    public JobRunner(CommandTemplate template, JobRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        this.template = template;
        this.options = options ?? new JobRunnerOptions();
        if (this.options.Remote is { OnAll: true } && this.options.Skip is not null)
        {
            // The job log knows a job by its command line, the same on every host: one that ran on one host would be skipped on all.
            throw new AtelierException("OnAll does not go with Skip: a job runs on every host with the same command line, which is all the job log knows it by.", ["RemoteOptions.OnAll", "JobRunnerOptions.Skip"]);
        }
    }

    /// <summary>Whether the last run stopped early because its <see cref="JobRunnerOptions.Halt"/> policy was reached.</summary>
    public bool Halted => halt?.Halted ?? false;

    /// <summary>Runs one job per item of <paramref name="inputs"/>.</summary>
    /// <param name="inputs">Each job's values, one per input source (see <see cref="JobInputs.Combine"/>).</param>
    /// <param name="cancellationToken">Stops the run: see the remarks on <see cref="JobRunner"/>.</param>
    /// <returns>The results, as jobs end or in input order.</returns>
    /// <exception cref="AtelierException">The template's program cannot be found, or this is not Linux.</exception>
    public IAsyncEnumerable<JobResult> RunAsync(IEnumerable<IReadOnlyList<string>> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!OperatingSystem.IsLinux())
        {
            throw NotLinux();
        }

        var executor = Start(cancellationToken, out var stop, out var kill);
        return RunAsync(inputs, executor.RunAsync, values => values, executor, stop, kill, options, cancellationToken);
    }

    /// <summary>Runs one job per block, the block on its stdin (<c>--pipe</c>): the template's placeholders see no values.</summary>
    /// <param name="blocks">The blocks (see <see cref="StreamBlocks"/>, <see cref="FileBlocks"/>, <see cref="RoundRobin"/>), read as jobs start.</param>
    /// <param name="cancellationToken">Stops the run: see the remarks on <see cref="JobRunner"/>.</param>
    /// <returns>The results, as jobs end or in block order.</returns>
    /// <exception cref="AtelierException">The template's program cannot be found, or this is not Linux.</exception>
    public IAsyncEnumerable<JobResult> RunAsync(IEnumerable<JobInput> blocks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (!OperatingSystem.IsLinux())
        {
            throw NotLinux();
        }

        if (options.Remote is { OnAll: true })
        {
            throw new AtelierException("OnAll runs jobs with values on every host, not blocks of input.", "RemoteOptions.OnAll");
        }

        var executor = Start(cancellationToken, out var stop, out var kill);

        // One block waits for a free slot, no more: with the jobs' own and the one being read, (jobs + 2) blocks at most.
        var pool = new WorkPoolOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
            QueueCapacity = 1,
            PreserveOrder = options.PreserveOrder,
            Progress = options.Progress,
            TimeProvider = options.TimeProvider,
        };
        return RunAsync(blocks, executor.RunAsync, _ => [], executor, stop, kill, pool, cancellationToken);
    }

    private static AtelierException NotLinux() => new("Running jobs needs Linux: atelier starts each job in its own process group with posix_spawn.");

    [SupportedOSPlatform("linux")]
    private JobExecutor Start(CancellationToken cancellationToken, out CancellationTokenSource stop, out CancellationTokenSource kill)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        kill = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = new HaltWatch(options.Halt, options.TotalJobs, stop, kill);
        halt = watch;
        var executor = new JobExecutor(template, options, watch.Ended, kill.Token);
        try
        {
            executor.CheckProgram();
        }
        catch (JobStartException e)
        {
            executor.Dispose();
            stop.Dispose();
            kill.Dispose();
            throw new AtelierException($"Cannot run jobs: {e.Message}.", e);
        }

        return executor;
    }

    [SupportedOSPlatform("linux")]
    private async IAsyncEnumerable<JobResult> RunAsync<TItem>(
        IEnumerable<TItem> inputs,
        WorkHandler<TItem, JobResult> run,
        Func<TItem, IReadOnlyList<string>> values,
        JobExecutor executor,
        CancellationTokenSource stop,
        CancellationTokenSource kill,
        WorkPoolOptions pool,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using (executor)
        using (stop)
        using (kill)
        using (cancellationToken.Register(() =>
        {
            stop.Cancel();
            kill.Cancel();
        }))
        {
            await using var hosts = options.Remote is { } remote ? await RemoteHosts.ConnectAsync(remote, options.TimeProvider, cancellationToken).ConfigureAwait(false) : null;
            if (hosts is not null)
            {
                executor.Hosts = hosts;
                if (hosts.Everyone is { } everyone)
                {
                    // Every job on every host (values only: blocks were refused): each job's values once per host, the
                    // executor pinning item i to host i % hosts.
                    inputs = inputs.SelectMany(item => Enumerable.Repeat(item, everyone.Count));
                }

                // As many jobs at once as the hosts have slots; more when a login file may add hosts (the free slots still
                // decide); every host at once when every job runs on every host (one at a time on each).
                pool = new WorkPoolOptions
                {
                    MaxDegreeOfParallelism = hosts.Everyone is { Count: var all } ? all : options.Remote!.LoginFile is null ? hosts.Slots : Math.Max(hosts.Slots, LoginFileSlots),
                    QueueCapacity = pool.QueueCapacity,
                    PreserveOrder = pool.PreserveOrder,
                    Progress = pool.Progress,
                    TimeProvider = pool.TimeProvider,
                };
            }

            var results = WorkPool.RunAsync(inputs, run, pool, stop.Token).GetAsyncEnumerator(CancellationToken.None);
            var finished = false;
            try
            {
                while (await results.MoveNextAsync().ConfigureAwait(false))
                {
                    var result = results.Current;
                    if (result.Status == WorkStatus.Canceled)
                    {
                        // Stopped before its job started: there is nothing to report.
                        continue;
                    }

                    // A job ends as a value; an exception here is the runner's own fault, reported as that job's failure.
                    yield return result.Succeeded
                        ? result.Value!
                        : new JobResult(new Job(result.Index + 1, values(result.Item), [], ""), JobStatus.Failed) { Reason = $"atelier could not run it: {result.Reason}" };
                }

                finished = true;
            }
            finally
            {
                // The caller stopped reading early (it broke off, or threw): no job may outlive the run.
                if (!finished)
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                    await kill.CancelAsync().ConfigureAwait(false);
                }

                await results.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
