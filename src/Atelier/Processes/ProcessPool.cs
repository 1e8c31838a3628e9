using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Atelier.Work;

namespace Atelier.Processes;

/// <summary>
/// Runs items in child processes of a worker program, one item at a time per child, over a
/// <see cref="WorkPool"/>: the chapter's worker processes fed by an input queue and stopped by a poison pill.
/// </summary>
/// <typeparam name="TRequest">What a worker is sent for each item.</typeparam>
/// <typeparam name="TResponse">What a worker answers.</typeparam>
/// <remarks>
/// <para>Workers start on first use and stay up across batches until <see cref="StopAsync"/>, which sends each
/// one a stop message. A worker that ends while working fails its item with a <see cref="WorkerCrashedException"/>
/// (exit code and signal) and is replaced for the next item. A handler's exception inside a worker fails the
/// item with a <see cref="RemoteWorkException"/> and the worker carries on.</para>
/// <para>Cancelling a batch kills the workers running its items. Disposing the pool stops the rest. A worker
/// whose parent dies sees its input close and exits, so children are never left behind.</para>
/// <para>One batch at a time: <see cref="RunAsync(IAsyncEnumerable{TRequest}, CancellationToken)"/> throws
/// while another batch is being enumerated.</para>
/// </remarks>
public sealed class ProcessPool<TRequest, TResponse> : IAsyncDisposable
{
    private readonly WorkerProgram program;
    private readonly JsonTypeInfo<TRequest> requestType;
    private readonly JsonTypeInfo<TResponse> responseType;
    private readonly ProcessPoolOptions options;
    private readonly WorkerProcess?[] workers;
    private readonly List<WorkerExit> exits = [];
    private readonly Lock exitsLock = new();
    private int busy;

    /// <summary>Creates a pool; no process starts until an item needs one.</summary>
    public ProcessPool(WorkerProgram program, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, ProcessPoolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(requestType);
        ArgumentNullException.ThrowIfNull(responseType);
        this.program = program;
        this.requestType = requestType;
        this.responseType = responseType;
        this.options = options ?? new ProcessPoolOptions();
        workers = new WorkerProcess?[this.options.MaxDegreeOfParallelism];
    }

    /// <summary>The workers that have ended so far, in the order they ended.</summary>
    public IReadOnlyList<WorkerExit> Exits
    {
        get
        {
            lock (exitsLock)
            {
                return [.. exits];
            }
        }
    }

    /// <summary>Sends each item to a worker and streams the answers.</summary>
    /// <returns>The results, as they complete or in input order (<see cref="WorkPoolOptions.PreserveOrder"/>).</returns>
    public IAsyncEnumerable<WorkResult<TRequest, TResponse>> RunAsync(IAsyncEnumerable<TRequest> source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return RunBatchAsync(source, cancellationToken);
    }

    /// <summary>Sends each item to a worker and streams the answers.</summary>
    /// <returns>The results, as they complete or in input order (<see cref="WorkPoolOptions.PreserveOrder"/>).</returns>
    public IAsyncEnumerable<WorkResult<TRequest, TResponse>> RunAsync(IEnumerable<TRequest> source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return RunBatchAsync(source.ToAsyncEnumerable(), cancellationToken);
    }

    /// <summary>Sends one stop message per worker and waits for each to exit (killing any that outlive the timeout).</summary>
    /// <returns>Every worker that has ended, including those that crashed or were killed earlier.</returns>
    /// <exception cref="InvalidOperationException">A batch is still being enumerated.</exception>
    public async Task<IReadOnlyList<WorkerExit>> StopAsync()
    {
        if (Volatile.Read(ref busy) == 1)
        {
            throw new InvalidOperationException("This process pool is still running a batch; stop it once the batch has ended.");
        }

        var stopping = new List<Task<WorkerExit>>();
        for (var slot = 0; slot < workers.Length; slot++)
        {
            if (workers[slot] is { } worker)
            {
                stopping.Add(worker.StopAsync(options.StopTimeout, options.TimeProvider));
            }
        }

        foreach (var exit in await Task.WhenAll(stopping).ConfigureAwait(false))
        {
            Retire(exit);
        }

        return Exits;
    }

    /// <summary>Stops the workers, as <see cref="StopAsync"/> does.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async IAsyncEnumerable<WorkResult<TRequest, TResponse>> RunBatchAsync(
        IAsyncEnumerable<TRequest> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref busy, 1) == 1)
        {
            throw new InvalidOperationException("This process pool is already running a batch.");
        }

        try
        {
            await foreach (var result in WorkPool.RunAsync(source, SendAsync, options, cancellationToken).ConfigureAwait(false))
            {
                yield return result;
            }
        }
        finally
        {
            Volatile.Write(ref busy, 0);
        }
    }

    private async ValueTask<TResponse> SendAsync(WorkItem<TRequest> item, CancellationToken cancellationToken)
    {
        // The work pool runs one item per slot at a time, so the slot's worker needs no lock.
        var worker = workers[item.Slot] ??= WorkerProcess.Start(program, item.Slot);
        try
        {
            return await worker.CallAsync(item.Index, item.Value, requestType, responseType, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkerCrashedException crash)
        {
            Retire(worker.Exit(WorkerExitKind.Crashed));

            // A Ctrl-C on a terminal reaches the workers too; one that died of it was cancelled, not broken.
            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(crash.Message, crash, cancellationToken);
            }

            throw;
        }
        catch (Exception e) when (e is WorkerProtocolException || e is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // Its state is unknown (mid-item, or out of step with the protocol): it cannot be reused.
            Retire(await worker.KillAsync().ConfigureAwait(false));
            throw;
        }
    }

    private void Retire(WorkerExit exit)
    {
        if (workers[exit.Slot] is { } worker && worker.ProcessId == exit.ProcessId)
        {
            workers[exit.Slot] = null;
            worker.Dispose();
        }

        lock (exitsLock)
        {
            exits.Add(exit);
        }
    }
}
