using System.Collections;
using System.Runtime.Versioning;
using Atelier.Jobs.Pipes;
using Atelier.Jobs.Remote;
using Atelier.Jobs.Templates;
using Atelier.Jobs.Unix;
using Atelier.Work;
using Polly;
using Polly.Retry;

namespace Atelier.Jobs.Running;

/// <summary>Runs one job: expands it, waits for the start throttle, then runs attempts until one succeeds or none is left.</summary>
[SupportedOSPlatform("linux")]
internal sealed class JobExecutor : IDisposable
{
    private readonly CommandTemplate? template;
    private readonly JobRunnerOptions options;
    private readonly ProgramLocator programs = new();
    private readonly StartThrottle throttle;
    private readonly ResiliencePipeline<JobResult>? retry;
    private readonly NativeStringArray environment;
    private readonly CancellationToken kill;
    private readonly Action<JobResult> ended;
    private readonly MemorySuspender? suspender;
    private readonly RemoteJob? remote;

    public JobExecutor(CommandTemplate? template, JobRunnerOptions options, Action<JobResult> ended, CancellationToken kill)
    {
        this.ended = ended;
        this.template = template;
        this.options = options;
        this.kill = kill;
        throttle = new StartThrottle(options);
        suspender = options.MemorySuspend is { } low ? new MemorySuspender(low, options.ProcRoot, options.TimeProvider) : null;
        remote = options.Remote is { } hosts ? new RemoteJob(hosts) : null;
        environment = new NativeStringArray([.. Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Where(e => e.Key is not ("ATELIER_SEQ" or "ATELIER_SLOT"))
            .Select(e => $"{e.Key}={e.Value}")]);
        // Polly (and the diagnostics it loads) only when there is something to retry: start-up counts for short runs.
        retry = options.Attempts <= 1 ? null : new ResiliencePipelineBuilder<JobResult>()
            .AddRetry(new RetryStrategyOptions<JobResult>
            {
                MaxRetryAttempts = options.Attempts - 1,
                Delay = TimeSpan.Zero,
                ShouldHandle = static arguments => ValueTask.FromResult(arguments.Outcome.Result?.Status is JobStatus.Failed or JobStatus.TimedOut),
                OnRetry = static arguments =>
                {
                    arguments.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public void Dispose()
    {
        environment.Dispose();
        suspender?.Dispose();
    }

    /// <summary>The hosts jobs run on (<c>-S</c>), once connected; null to run them here.</summary>
    public RemoteHosts? Hosts { get; set; }

    /// <summary>Checks that the template's program exists before any job starts.</summary>
    /// <exception cref="JobStartException">It does not.</exception>
    public void CheckProgram()
    {
        if (options.Remote is not null)
        {
            programs.Find(options.Remote.Ssh[0]);
        }

        if (options.Remote is null && template?.Program is { } program)
        {
            programs.Find(program);
        }
    }

    /// <summary>
    /// The work pool's handler: one job, from its values to its result. The pool's token is not the job's: a job
    /// stops on the executor's kill token, after the pool has stopped handing out new ones.
    /// </summary>
    /// <remarks>
    /// When every job runs on every host (<see cref="RemoteHosts.Everyone"/>), the pool's items are each job's values
    /// once per host, in host order: item <c>i</c> is job <c>i / hosts + 1</c> on host <c>i % hosts</c>.
    /// </remarks>
    public ValueTask<JobResult> RunAsync(WorkItem<IReadOnlyList<string>> item, CancellationToken cancellationToken) =>
        Hosts?.Everyone is { } everyone
            ? RunAsync(template!.CreateJob(item.Value, (item.Index / everyone.Count) + 1, item.Slot + 1), item.Slot + 1, everyone[(int)(item.Index % everyone.Count)], CancellationToken.None)
            : RunAsync(template!.CreateJob(item.Value, item.Index + 1, item.Slot + 1), item.Slot + 1, CancellationToken.None);

    /// <summary>The work pool's handler for blocks: one job with the block on its stdin.</summary>
    public ValueTask<JobResult> RunAsync(WorkItem<JobInput> item, CancellationToken cancellationToken) =>
        RunAsync(template!.CreateJob([], item.Index + 1, item.Slot + 1, item.Value), item.Slot + 1, CancellationToken.None);

    /// <summary>
    /// One job already expanded (a queue's worker gets them so): skip, throttle, then its attempts. It is stopped as
    /// every job is when the executor's kill token fires, and also when <paramref name="stop"/> does (its run was
    /// interrupted elsewhere).
    /// </summary>
    public ValueTask<JobResult> RunAsync(Job job, int slot, CancellationToken stop = default) => RunAsync(job, slot, null, stop);

    /// <summary>One job, on the host it must run on (every job on every host), or on any when <paramref name="on"/> is null.</summary>
    private async ValueTask<JobResult> RunAsync(Job job, int slot, SshHost? on, CancellationToken stop)
    {
        using (job.Input)
        {
            if (options.Skip?.Invoke(job) == true)
            {
                return new JobResult(job, JobStatus.Skipped);
            }

            using var either = stop.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(kill, stop) : null;
            var stopped = either?.Token ?? kill;
            if (throttle.IsActive)
            {
                await throttle.WaitAsync(stopped).ConfigureAwait(false);
            }

            var result = retry is null ? await AttemptAsync(job, slot, 1, on, null, stopped).ConfigureAwait(false) : await RetryAsync(job, slot, on, stopped).ConfigureAwait(false);
            ended(result);
            return result;
        }
    }

    private async Task<JobResult> RetryAsync(Job job, int slot, SshHost? on, CancellationToken stopped)
    {
        var attempts = 0;

        // On hosts, a job that failed on one is tried again on another where it has not failed, while there is one.
        var failedOn = Hosts is not null && on is null ? new List<SshHost>(1) : null;
        return await retry!.ExecuteAsync(async _ => await AttemptAsync(job, slot, ++attempts, on, failedOn, stopped).ConfigureAwait(false), stopped).ConfigureAwait(false);
    }

    private Task<JobResult> AttemptAsync(Job job, int slot, int attempt, SshHost? on, List<SshHost>? failedOn, CancellationToken stopped) =>
        Hosts is null ? AttemptAsync(job, job.Arguments, slot, attempt, null, stopped)
        : on is null ? RemoteAttemptAsync(job, slot, attempt, failedOn, stopped)
        : PinnedAttemptAsync(job, slot, attempt, on, stopped);

    /// <summary>
    /// One attempt on the one host a job must run on (every job on every host): after that host's previous job, so its
    /// jobs run one at a time in order. A host that is down fails the job with the reason; there is no other to run it.
    /// </summary>
    private async Task<JobResult> PinnedAttemptAsync(Job job, int slot, int attempt, SshHost host, CancellationToken stopped)
    {
        await host.Turn.WaitAsync(stopped).ConfigureAwait(false);
        try
        {
            if (host.Down is { } down)
            {
                return new JobResult(job, JobStatus.NotStarted) { Reason = $"{host}: {down}", Started = options.TimeProvider.GetUtcNow(), Attempts = attempt, Worker = host.Login.Text };
            }

            return await OnHostAsync(job, slot, attempt, host, stopped).ConfigureAwait(false) ?? new JobResult(job, JobStatus.Failed) { Reason = $"{host}: lost the connection", Started = options.TimeProvider.GetUtcNow(), Attempts = attempt, Worker = host.Login.Text };
        }
        finally
        {
            host.Turn.Release();
        }
    }

    /// <summary>
    /// One attempt on whichever host has a free slot. When the connection drops the attempt starts again on another
    /// host, and counts once.
    /// </summary>
    private async Task<JobResult> RemoteAttemptAsync(Job job, int slot, int attempt, List<SshHost>? failedOn, CancellationToken stopped)
    {
        var hosts = Hosts!;
        while (true)
        {
            HostSlot lease;
            try
            {
                lease = failedOn is { Count: > 0 } ? await hosts.TakeAsync(failedOn, stopped).ConfigureAwait(false) : await hosts.TakeAsync(stopped).ConfigureAwait(false);
            }
            catch (AtelierException e)
            {
                return new JobResult(job, JobStatus.NotStarted) { Reason = e.Message, Started = options.TimeProvider.GetUtcNow(), Attempts = attempt };
            }

            // Stopped while waiting for a slot (OperationCanceledException goes on up): the job never started, and the
            // pool reports nothing for it, as for jobs it never handed out.

            try
            {
                if (await OnHostAsync(job, slot, attempt, lease.Host, stopped).ConfigureAwait(false) is { } result)
                {
                    if (result.Status is JobStatus.Failed or JobStatus.TimedOut)
                    {
                        failedOn?.Add(lease.Host);
                    }

                    return result;
                }

                // The host's connection dropped: the attempt starts again on another.
            }
            finally
            {
                hosts.Give(lease);
            }
        }
    }

    /// <summary>
    /// One attempt on a host: its files sent, the job run over the host's shared connection, its files fetched and,
    /// with <c>--cleanup</c>, removed. Null when the connection dropped (ssh's own 255, and the host no longer answers).
    /// </summary>
    private async Task<JobResult?> OnHostAsync(Job job, int slot, int attempt, SshHost host, CancellationToken stopped)
    {
        var hosts = Hosts!;
        var remote = this.remote!;
        if (host.Login.IsLocal)
        {
            return await AttemptAsync(job, job.Arguments, slot, attempt, null, stopped).ConfigureAwait(false);
        }

        var sent = await remote.SendAsync(host, job, stopped).ConfigureAwait(false);
        if (sent == RemoteJob.Lost && await hosts.LostAsync(host, "could not send files").ConfigureAwait(false))
        {
            return null;
        }

        if (sent is not null)
        {
            return new JobResult(job, JobStatus.NotStarted) { Reason = sent == RemoteJob.Lost ? "could not send its files" : sent, Started = options.TimeProvider.GetUtcNow(), Attempts = attempt, Worker = host.Login.Text };
        }

        var result = await AttemptAsync(job, host.Command(remote.Command(host, job, slot)), slot, attempt, signal => SignalAsync(host, job, signal), stopped).ConfigureAwait(false);
        if (result.ExitCode == SshHost.SshFailed && result.Status == JobStatus.Failed
            && await hosts.LostAsync(host, SshHost.LastWords(result.Error.ToString(), SshHost.SshFailed)).ConfigureAwait(false))
        {
            result.Dispose();
            return null;
        }

        var fetched = result.Status is JobStatus.Killed ? null : await remote.FetchAsync(host, job, stopped).ConfigureAwait(false);
        if (fetched == RemoteJob.Lost && await hosts.LostAsync(host, "could not fetch files").ConfigureAwait(false))
        {
            result.Dispose();
            return null;
        }

        await remote.CleanupAsync(host, job).ConfigureAwait(false);
        return result.On(host.Login.Text, fetched is null || result.Status != JobStatus.Succeeded ? null : fetched == RemoteJob.Lost ? "could not fetch its files" : fetched);
    }

    /// <summary>Sends a signal to a job's process group on its host: stopping the local ssh alone would leave it running there.</summary>
    private async Task SignalAsync(SshHost host, Job job, int signal) =>
        await host.RunAsync(RemoteJob.Signal(host, job, signal == Native.SIGKILL ? "KILL" : "TERM"), null, null, CancellationToken.None).ConfigureAwait(false);

    /// <param name="job">The job.</param>
    /// <param name="arguments">What runs here: the job's own arguments, or ssh and the command for its host.</param>
    /// <param name="slot">The job slot.</param>
    /// <param name="attempt">Which attempt this is, from 1.</param>
    /// <param name="signalElsewhere">Stops the job where it really runs, when that is not here; null when it is here.</param>
    /// <param name="stopped">Kills it.</param>
    private async Task<JobResult> AttemptAsync(Job job, IReadOnlyList<string> arguments, int slot, int attempt, Func<int, Task>? signalElsewhere, CancellationToken stopped)
    {
        var time = options.TimeProvider;
        var started = time.GetUtcNow();
        var clock = time.GetTimestamp();
        ChildProcess child;
        try
        {
            using var argv = new NativeStringArray(arguments);
            using var environment = new NativeStringArray([$"ATELIER_SEQ={job.Sequence}", $"ATELIER_SLOT={slot}"], this.environment);
            child = ChildProcess.Start(programs.Find(arguments[0]), argv, environment, withInput: job.Input is not null);
        }
        catch (JobStartException e)
        {
            return new JobResult(job, JobStatus.NotStarted) { ExitCode = 127, Reason = e.Message, Started = started, Attempts = attempt };
        }

        using (child)
        using (signalElsewhere is null ? suspender?.Watch(child) : null)
        {
            var feeding = child.Input is { } pipe ? Feed(job.Input!, pipe) : Task.FromResult<string?>(null);
            var output = new JobOutput(options.OutputBufferSize, options.TemporaryDirectory);
            var error = new JobOutput(options.OutputBufferSize, options.TemporaryDirectory);
            using var drained = new CancellationTokenSource();
            var pumps = Task.WhenAll(
                OutputPump.RunAsync(child.Output, output, job, standardError: false, options.Lines, drained.Token),
                OutputPump.RunAsync(child.Error, error, job, standardError: true, options.Lines, drained.Token));

            JobStatus? forced = null;
            int status;
            try
            {
                var exited = child.Exited.WaitAsync(options.Timeout ?? Timeout.InfiniteTimeSpan, time, stopped);

                // The pipes usually end as the job exits: reap it then, rather than after SIGCHLD's trip through
                // the runtime's signal thread (the signal still reaps it when the pipes outlive the job).
                if (await Task.WhenAny(pumps, exited).ConfigureAwait(false) == pumps)
                {
                    ChildReaper.Instance.TryReapNow(child.Pid);
                }

                status = await exited.ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                forced = e is TimeoutException ? JobStatus.TimedOut : JobStatus.Killed;
                status = await TerminateAsync(child, signalElsewhere).ConfigureAwait(false);
            }

            var runtime = time.GetElapsedTime(clock);
            var lost = await DrainAsync(pumps, drained).ConfigureAwait(false) ?? await UnfedAsync(feeding).ConfigureAwait(false);

            var (exitCode, signal) = (Native.ExitCode(status), Native.TermSignal(status));
            var (outcome, reason) = forced switch
            {
                JobStatus.TimedOut => (JobStatus.TimedOut, $"timed out after {options.Timeout!.Value.TotalSeconds:0.###} s; its process group was killed"),
                JobStatus.Killed => (JobStatus.Killed, "stopped: the run was interrupted or halted"),
                _ when lost is not null => (JobStatus.Failed, lost),
                _ when exitCode == 0 => (JobStatus.Succeeded, null),
                _ when exitCode is { } code => (JobStatus.Failed, $"exited with code {code}"),
                _ => (JobStatus.Failed, $"killed by signal {SignalNames.Describe(signal ?? 0)}"),
            };
            return new JobResult(job, outcome)
            {
                ExitCode = exitCode,
                Signal = signal,
                Started = started,
                Runtime = runtime,
                Attempts = attempt,
                Reason = reason,
                Output = output,
                Error = error,
            };
        }
    }

    /// <summary>Waits for the pipes' ends, for at most the drain grace after the job exited.</summary>
    /// <returns>Null, or why some of the job's output could not be kept (a full disk, say).</returns>
    private async Task<string?> DrainAsync(Task pumps, CancellationTokenSource drained)
    {
        try
        {
            try
            {
                await pumps.WaitAsync(options.DrainGrace, options.TimeProvider).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await drained.CancelAsync().ConfigureAwait(false);
                await pumps.ConfigureAwait(false);
            }

            return null;
        }
        catch (IOException e)
        {
            return $"its output could not be kept: {e.Message}";
        }
    }

    /// <summary>
    /// Writes the job's input into its stdin on a thread of its own (the writes block while the job is busy), then
    /// closes it: the job's end of input. A job that stops reading early (head) simply does not get the rest.
    /// </summary>
    /// <returns>Null, or why the input could not be given (its file could not be read, say).</returns>
    private static Task<string?> Feed(JobInput input, InputPipe pipe) => Task.Factory.StartNew<string?>(
        () =>
        {
            using (pipe)
            {
                try
                {
                    input.WriteTo(pipe);
                    return null;
                }
                catch (IOException e)
                {
                    return $"its input could not be given: {e.Message}";
                }
            }
        },
        CancellationToken.None,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default);

    /// <summary>
    /// Why the job's input could not be given, if it could not. Waits for the feeding thread only as long as the
    /// drain grace: a process the job left behind may hold its stdin open without reading it.
    /// </summary>
    private async Task<string?> UnfedAsync(Task<string?> feeding)
    {
        try
        {
            return await feeding.WaitAsync(options.DrainGrace, options.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>SIGTERM to the job's process group, SIGKILL after the grace, and SIGKILL again for anything left in the group.</summary>
    /// <remarks>A job on another host is signalled there first: its ssh here ends when it does.</remarks>
    private async Task<int> TerminateAsync(ChildProcess child, Func<int, Task>? signalElsewhere)
    {
        if (signalElsewhere is null)
        {
            // A suspended job (--memsuspend) acts on SIGTERM once continued.
            child.SignalGroup(Native.SIGTERM);
            child.SignalGroup(Native.SIGCONT);
        }
        else
        {
            await signalElsewhere(Native.SIGTERM).ConfigureAwait(false);
        }

        int status;
        try
        {
            status = await child.Exited.WaitAsync(options.KillGrace, options.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            if (signalElsewhere is not null)
            {
                await signalElsewhere(Native.SIGKILL).ConfigureAwait(false);
            }

            child.SignalGroup(Native.SIGKILL);
            status = await child.Exited.ConfigureAwait(false);
        }

        child.SignalGroup(Native.SIGKILL);
        return status;
    }
}
