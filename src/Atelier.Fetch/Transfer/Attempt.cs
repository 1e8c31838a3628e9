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
    public ValueTask RunAsync(TransferState state, CancellationToken cancellationToken) =>
        // A split download under way (resumed with --continue, or retried): its connections take the ranges left.
        state.Plan is not null ? new ValueTask(segments.ContinueAsync(state, cancellationToken)) : RunOnAsync(state, state.Job.Sources.Current, cancellationToken);

    /// <summary>One request to one source, and its body; a source that fails before a byte of it is kept is dropped while others remain, and the next is asked at once.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunOnAsync(TransferState state, Source source, CancellationToken cancellationToken)
    {
        state.CountAttempt();
        var dropped = false;
        using (var slot = await hosts.EnterAsync(source.Url, cancellationToken).ConfigureAwait(false))
        {
            state.Connect();
            reporter.Downloading(state, force: true);
            using var watchdog = watchdogs.Start(cancellationToken);
            var receiving = false;
            try
            {
                var ask = options.CheckOnly ? Ask.Probe(source) : AskFor(state, source);
                var response = await exchange.SendAsync(ask, watchdog.Token).ConfigureAwait(false);
                if (ask.Head && (int)response.StatusCode is 405 or 501)
                {
                    // A server that will not answer HEAD is asked with GET, and its body left unread.
                    response.Dispose();
                    ask = Ask.Whole(source);
                    response = await exchange.SendAsync(ask, watchdog.Token).ConfigureAwait(false);
                }

                using var answer = exchange.Check(ask, response, state);
                if (!Accept(state, source, answer) || options.CheckOnly || (state.PartPath is null && !Place(state, answer)))
                {
                    return;
                }

                receiving = true;
                if (segments.CanSplit(state, answer))
                {
                    await segments.RunAsync(state, source, answer, slot, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // Over one connection, into the .part in order (after the seam, when resuming).
                    var from = state.Written;
                    using var file = OpenPart(state.PartPath!, from);
                    var seam = answer.Kind == AnswerKind.Partial ? Seam.Between(answer.Start, from) : null;
                    try
                    {
                        await copy.CopyAsync(answer, new PartFileTarget(file, state, seam), state, watchdog, BodyCopy.BufferFor(state.Length - from), seam?.Length ?? 0).ConfigureAwait(false);
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
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not LocalFileException)
            {
                var failure = exchange.Classify(e, watchdog);
                var untrusted = failure as UntrustedAnswerException;

                // Before the body began, or a lie found before a byte of its answer was kept: the next source resumes.
                dropped = (!receiving || untrusted is not null) && state.Job.Sources.TryDrop(source, failure.Message);
                if (!dropped || untrusted is { Spoiled: true })
                {
                    if (ReferenceEquals(failure, e))
                    {
                        throw;
                    }

                    throw failure;
                }
            }
        }

        if (dropped)
        {
            await RunOnAsync(state, state.Job.Sources.Current, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What the answer means for the file; false when there is no body to take (up to date, or already whole).</summary>
    private bool Accept(TransferState state, Source source, Answer answer)
    {
        switch (answer.Kind)
        {
            case AnswerKind.NotModified:
                // --newer: the file this URL gave last time is still what the server has.
                var known = state.Job.Known!;
                state.LeaveAlone(FetchStatus.UpToDate, known.Name, Path.Combine(output.Directory, known.Name));
                return false;
            case AnswerKind.RangeNotSatisfiable:
                EndOfFile(state, answer);
                return false;
            case AnswerKind.Partial when state.Written > 0:
                state.Continue(answer, source);
                return true;
            default:
                // The whole body (the server ignored the range, or the body changed), or the first range of it.
                state.Begin(answer, source);
                return true;
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
        var name = FileNames.Asked(state.Job.Request)
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

    private static SafeFileHandle OpenPart(string path, long from)
    {
        try
        {
            return File.OpenHandle(path, from > 0 ? FileMode.OpenOrCreate : FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LocalFileException(path, e);
        }
    }
}
