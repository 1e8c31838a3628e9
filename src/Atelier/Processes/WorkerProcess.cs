using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Atelier.Processes;

/// <summary>One child process of a pool, used by one pool slot at a time.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly Stream input;
    private readonly StreamReader output;
    private string? lastError;

    private WorkerProcess(Process process, int slot)
    {
        this.process = process;
        Slot = slot;
        ProcessId = process.Id;
        input = process.StandardInput.BaseStream;
        output = process.StandardOutput;
    }

    public int Slot { get; }

    public int ProcessId { get; }

    public int ItemsHandled { get; private set; }

    public static WorkerProcess Start(WorkerProgram program, int slot)
    {
        var info = new ProcessStartInfo(program.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = WorkerProtocol.Utf8,
            StandardErrorEncoding = WorkerProtocol.Utf8,
        };
        foreach (var argument in program.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new AtelierException($"Could not start the worker program '{program.FileName}': {e.Message}.", e);
        }

        var worker = new WorkerProcess(process, slot);
        process.ErrorDataReceived += (_, line) =>
        {
            if (!string.IsNullOrWhiteSpace(line.Data))
            {
                Volatile.Write(ref worker.lastError, line.Data);
            }
        };
        process.BeginErrorReadLine();
        return worker;
    }

    public async ValueTask<TResponse> CallAsync<TRequest, TResponse>(
        long id, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        try
        {
            await input.WriteAsync(WorkerProtocol.Body(id, request, requestType), cancellationToken).ConfigureAwait(false);
            await input.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The pipe broke: the process has gone.
            throw await CrashedAsync().ConfigureAwait(false);
        }

        var line = await output.ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw await CrashedAsync().ConfigureAwait(false);
        using var message = WorkerProtocol.Parse(line);
        if (message.IsStop || message.Id != id)
        {
            throw new WorkerProtocolException($"worker process {ProcessId} answered message {message.Id} to request {id}");
        }

        ItemsHandled++;
        if (message.Error is { } reason)
        {
            throw new RemoteWorkException(reason);
        }

        try
        {
            return message.Body.Deserialize(responseType)!;
        }
        catch (JsonException e)
        {
            throw new WorkerProtocolException($"worker process {ProcessId} sent an answer that does not fit: {e.Message}", e);
        }
    }

    /// <summary>Sends the stop message and waits for the exit; kills the process if it outlives the timeout.</summary>
    public async Task<WorkerExit> StopAsync(TimeSpan timeout, TimeProvider time)
    {
        try
        {
            await input.WriteAsync(WorkerProtocol.Stop).ConfigureAwait(false);
            await input.FlushAsync().ConfigureAwait(false);
            input.Close();
        }
        catch (IOException)
        {
            // Already gone; its exit code tells how.
        }

        using var deadline = new CancellationTokenSource(timeout, time);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            return Exit(WorkerExitKind.Stopped);
        }
        catch (OperationCanceledException)
        {
            return await KillAsync().ConfigureAwait(false);
        }
    }

    public async Task<WorkerExit> KillAsync()
    {
        Kill();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return Exit(WorkerExitKind.Killed);
    }

    public WorkerExit Exit(WorkerExitKind kind) => new(Slot, ProcessId, kind, process.ExitCode, ItemsHandled);

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has already exited.
        }
    }

    private async Task<WorkerCrashedException> CrashedAsync()
    {
        // Its output closed; give it a moment to finish exiting so the exit code is known.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await KillAsync().ConfigureAwait(false);
        }

        return new WorkerCrashedException(ProcessId, process.ExitCode, Volatile.Read(ref lastError));
    }
}
