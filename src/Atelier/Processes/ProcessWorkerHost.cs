using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Atelier.Work;

namespace Atelier.Processes;

/// <summary>The worker side of a <see cref="ProcessPool{TRequest, TResponse}"/>: answers requests until told to stop.</summary>
/// <remarks>
/// Requests are handled one at a time. A handler's exception is answered as an error and the worker goes on;
/// the stop message (the poison pill) ends the loop; so does the input closing, which means the pool's
/// process has gone.
/// </remarks>
public static class ProcessWorkerHost
{
    /// <summary>Exit code after a stop message or the end of the input.</summary>
    public const int StoppedExitCode = 0;

    /// <summary>Exit code after a line that is not a protocol message.</summary>
    public const int ProtocolErrorExitCode = 2;

    /// <summary>Serves on this process's standard input and output.</summary>
    /// <remarks>Console output is redirected to standard error so stray writes cannot corrupt the protocol.</remarks>
    /// <returns>The exit code for the process.</returns>
    public static async Task<int> RunAsync<TRequest, TResponse>(
        Func<TRequest, CancellationToken, ValueTask<TResponse>> handler,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken = default)
    {
        await using var input = Console.OpenStandardInput();
        await using var output = Console.OpenStandardOutput();
        var diagnostics = Console.Error;
        Console.SetOut(diagnostics);
        return await RunAsync(handler, requestType, responseType, input, output, diagnostics, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Serves on the given streams.</summary>
    /// <param name="handler">Answers one request.</param>
    /// <param name="requestType">How requests are read.</param>
    /// <param name="responseType">How answers are written.</param>
    /// <param name="input">Where requests arrive.</param>
    /// <param name="output">Where answers go.</param>
    /// <param name="diagnostics">Where a protocol error is described.</param>
    /// <param name="cancellationToken">Ends the loop.</param>
    /// <returns><see cref="StoppedExitCode"/> or <see cref="ProtocolErrorExitCode"/>.</returns>
    public static async Task<int> RunAsync<TRequest, TResponse>(
        Func<TRequest, CancellationToken, ValueTask<TResponse>> handler,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Stream input,
        Stream output,
        TextWriter diagnostics,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(requestType);
        ArgumentNullException.ThrowIfNull(responseType);
        ArgumentNullException.ThrowIfNull(diagnostics);
        using var reader = new StreamReader(input, WorkerProtocol.Utf8, detectEncodingFromByteOrderMarks: false);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            WorkerMessage message;
            try
            {
                message = WorkerProtocol.Parse(line);
            }
            catch (WorkerProtocolException e)
            {
                await diagnostics.WriteLineAsync($"worker {Environment.ProcessId}: {e.Message}").ConfigureAwait(false);
                return ProtocolErrorExitCode;
            }

            using (message)
            {
                if (message.IsStop)
                {
                    return StoppedExitCode;
                }

                var answer = await AnswerAsync(handler, requestType, responseType, message, cancellationToken).ConfigureAwait(false);
                await output.WriteAsync(answer, cancellationToken).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return StoppedExitCode;
    }

    private static async ValueTask<ReadOnlyMemory<byte>> AnswerAsync<TRequest, TResponse>(
        Func<TRequest, CancellationToken, ValueTask<TResponse>> handler,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        WorkerMessage message,
        CancellationToken cancellationToken)
    {
        try
        {
            var request = message.Body.Deserialize(requestType)!;
            var response = await handler(request, cancellationToken).ConfigureAwait(false);
            return WorkerProtocol.Body(message.Id, response, responseType);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return WorkerProtocol.Error(message.Id, FailureReason.Describe(e, WorkStatus.Failed));
        }
    }
}
