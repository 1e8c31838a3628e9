using System.Runtime.CompilerServices;
using Atelier.Fetch.Naming;
using Atelier.Work;
using Microsoft.Win32.SafeHandles;

namespace Atelier.Fetch.Transfer;

/// <summary>
/// One attempt at a file, the unit Polly retries: its first request, then the body over one connection into the
/// <c>.part</c> file, or over several (<see cref="Segments"/>) when the answer lets the file be split. Resumes from what
/// earlier attempts wrote: the rest of the body, asked for from a seam's worth before it.
/// </summary>
internal sealed class Attempt(Exchange exchange, BodyCopy copy, FetchOptions options, OutputFiles output, HostLimiter hosts, TransferReporter reporter, Watchdogs watchdogs, Segments segments)
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask RunAsync(TransferState state, CancellationToken cancellationToken)
    {
        if (state.Plan is not null)
        {
            // A split download under way (resumed with --continue, or retried): its connections take the ranges left.
            await segments.ContinueAsync(state, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A source that fails before its body begins is dropped while others remain, and the next is asked at once.
        while (!await RunOnAsync(state, state.Job.Sources.Current, cancellationToken).ConfigureAwait(false))
        {
        }
    }

    /// <summary>One request to one source; false when it failed before a byte of its body was kept and was dropped.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> RunOnAsync(TransferState state, Source source, CancellationToken cancellationToken)
    {
        state.CountAttempt();
        using var slot = await hosts.EnterAsync(source.Url, cancellationToken).ConfigureAwait(false);
        reporter.Downloading(state, force: true);
        using var watchdog = watchdogs.Start(cancellationToken);
        var receiving = false;
        try
        {
            using var answer = await exchange.SendAsync(AskFor(state, source), state, watchdog.Token).ConfigureAwait(false);
            switch (answer.Kind)
            {
                case AnswerKind.NotModified:
                    // --newer: the file this URL gave last time is still what the server has.
                    var known = state.Job.Known!;
                    state.LeaveAlone(FetchStatus.UpToDate, known.Name, Path.Combine(output.Directory, known.Name));
                    return true;
                case AnswerKind.RangeNotSatisfiable:
                    EndOfFile(state, answer);
                    return true;
                case AnswerKind.Partial when state.Written > 0:
                    state.Continue(answer, source);
                    break;
                default:
                    // The whole body (the server ignored the range, or the body changed), or the first range of it.
                    state.Begin(answer, source);
                    break;
            }

            if (options.CheckOnly)
            {
                receiving = true;
                await copy.CopyAsync(answer, new DiscardTarget(state), state, watchdog, BodyCopy.BufferFor(state.Length)).ConfigureAwait(false);
                return true;
            }

            if (state.PartPath is null && !Place(state, answer))
            {
                return true;
            }

            receiving = true;
            if (segments.CanSplit(state, answer))
            {
                await segments.RunAsync(state, source, answer, slot, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ReceiveAsync(state, source, answer, watchdog).ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not LocalFileException)
        {
            var failure = exchange.Classify(e, watchdog);
            var untrusted = failure as UntrustedAnswerException;

            // Before the body began, or a lie found before a byte of its answer was kept: the next source resumes.
            var dropped = (!receiving || untrusted is not null) && state.Job.Sources.TryDrop(source, failure.Message);
            if (dropped && untrusted is not { Spoiled: true })
            {
                return false;
            }

            if (ReferenceEquals(failure, e))
            {
                throw;
            }

            throw failure;
        }
    }

    /// <summary>The rest of the body from a seam's worth before it; else the first range, to learn whether it can be split; else all of it.</summary>
    private Ask AskFor(TransferState state, Source source)
    {
        if (state.Written > 0)
        {
            return Ask.Bytes(source, state.Written, to: null, state.Length, Seam.Size);
        }

        if (segments.MaySplit(state))
        {
            return Ask.Bytes(source, 0, to: null, state.Length, seam: 0);
        }

        return Ask.Whole(source, state.Written == 0 && state.Restart is null ? state.Job.Known : null);
    }

    /// <summary>416 to the rest of the body: done if the file is all there (curl's "already complete"), else the file is not what was saved.</summary>
    private static void EndOfFile(TransferState state, Answer answer)
    {
        if (answer.Total is { } total && total == state.Written && total > 0)
        {
            state.Continue(answer, state.Job.Sources.Current);
            return;
        }

        throw new UntrustedAnswerException(
            Lie.Vanished,
            $"the server has no bytes from {state.Written} on (416; the file is {(answer.Total is { } length ? $"{length:N0} bytes" : "of unknown length")} now)");
    }

    /// <summary>Chooses the file's name the first time a body comes; false when an existing file is left alone instead.</summary>
    private bool Place(TransferState state, Answer answer)
    {
        var name = FileNames.Sanitize(state.Job.Request.OutName)
            ?? FileNames.FromContentDisposition(answer.Response.Content.Headers.ContentDisposition)
            ?? FileNames.FromUrl(state.Job.Url)
            ?? FileNames.Fallback;
        var placement = output.Reserve(name);
        if (placement.Refusal is { } refusal)
        {
            throw new WorkItemException(refusal);
        }

        if (placement.SkipPath is { } existing)
        {
            state.LeaveAlone(FetchStatus.Skipped, name, existing);
            return false;
        }

        state.Place(name, placement.Path!);
        return true;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReceiveAsync(TransferState state, Source source, Answer answer, Watchdog watchdog)
    {
        var path = state.PartPath!;
        var from = state.Written;
        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(path, from > 0 ? FileMode.OpenOrCreate : FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LocalFileException(path, e);
        }

        using var scope = file;
        var seam = answer.Kind == AnswerKind.Partial ? Seam.Between(answer.Start, from) : null;
        try
        {
            await copy.CopyAsync(answer, new PartFileTarget(file, state, seam), state, watchdog, BodyCopy.BufferFor(state.Length - from)).ConfigureAwait(false);
        }
        finally
        {
            source.Served(state.Written - from);
        }

        if (state.Length is { } total && state.Written < total)
        {
            throw new TransientFetchException($"the connection closed after {state.Written:N0} of {total:N0} bytes");
        }
    }
}
