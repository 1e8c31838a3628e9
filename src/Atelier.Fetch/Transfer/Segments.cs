using System.Runtime.ExceptionServices;
using Atelier.Work;
using Microsoft.Win32.SafeHandles;
using Polly;

namespace Atelier.Fetch.Transfer;

/// <summary>
/// One file over several connections at once, each fetching its own range into the same <c>.part</c> file
/// (positional writes), spread over the file's sources; a connection that frees up takes over half of the range with
/// the most left. Its plan is saved beside the <c>.part</c> (<see cref="PlanFile"/>) so that <c>--continue</c> resumes
/// every range.
/// </summary>
/// <remarks>
/// Every range is asked for from a seam's worth before it, with If-Range on what its source said identifies the body,
/// and its answer is checked (<see cref="Exchange"/>): a source whose answer lies is dropped while others remain, and
/// when none does the lie is the file's (started again from its first byte once, by the caller). The seams are checked
/// against the file as the bytes they cover are written, all of them before the file is called complete.
/// </remarks>
internal sealed class Segments(Exchange exchange, BodyCopy copy, FetchOptions options, HostLimiter hosts, Watchdogs watchdogs, Lazy<ResiliencePipeline> retry)
{
    private const int BufferSize = 256 * 1024;

    /// <summary>Whether the first request asks for a range (<c>bytes=0-</c>), to learn whether the file can be split.</summary>
    public bool MaySplit(TransferState state) => !options.CheckOnly && !state.OneConnection && ConnectionsFor(state) > 1;

    /// <summary>Whether the answer to that first request lets the file be split: 206, with a length worth splitting.</summary>
    public bool CanSplit(TransferState state, Answer answer) =>
        MaySplit(state) && answer is { Kind: AnswerKind.Partial, Start: 0, Total: { } length } && length >= 2 * options.MinSplitSize;

    /// <summary>Downloads the file split, the first request's body being the first range's connection.</summary>
    /// <remarks>The first request's host slot is given up when its connection ends, for the other connections to use.</remarks>
    public Task RunAsync(TransferState state, Source source, Answer first, IDisposable slot, CancellationToken cancellationToken)
    {
        var plan = SegmentPlan.Start(state.Length!.Value, source.Validator, out var segment);
        state.Split(plan);
        return RunPlanAsync(state, plan, (file, run, stop) => FirstConnectionAsync(state, plan, segment, source, first, slot, file, run, stop), cancellationToken);
    }

    /// <summary>Carries on with the ranges a split download has left (resumed with --continue, or after a retry).</summary>
    public Task ContinueAsync(TransferState state, CancellationToken cancellationToken) => RunPlanAsync(state, state.Plan!, first: null, cancellationToken);

    private int ConnectionsFor(TransferState state) => Math.Max(options.Split, state.Job.Sources.Count);

    private async Task RunPlanAsync(TransferState state, SegmentPlan plan, Func<SafeFileHandle, SplitRun, CancellationToken, Task>? first, CancellationToken cancellationToken)
    {
        var path = state.PartPath!;
        using var file = LocalFileException.Guard(path, () => File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read));

        // The plan is on disk before any byte lands past the start: a .part without one is never taken for a prefix.
        // The file has the body's length from the start (an earlier version's longer .part is cut to it).
        PlanFile.Save(path, plan);
        LocalFileException.Guard(path, () =>
        {
            RandomAccess.SetLength(file, plan.Length);
            return true;
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = new SplitRun(stop);
        var connections = new List<Task>();
        if (first is not null)
        {
            connections.Add(first(file, run, stop.Token));
        }

        for (var connection = connections.Count; connection < ConnectionsFor(state); connection++)
        {
            connections.Add(ConnectionAsync(state, plan, connection, file, run, stop.Token));
        }

        var saving = PlanFile.SaveEverySecondAsync(path, plan, options.TimeProvider, stop.Token);
        try
        {
            await Task.WhenAll(connections).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (run.Fatal is { } fatal)
            {
                ExceptionDispatchInfo.Throw(fatal);
            }

            if (!plan.Complete)
            {
                throw run.Transient ?? new TransientFetchException($"{plan.Length - plan.Done:N0} bytes still missing");
            }

            // Every byte is written: two answers that disagree on the same bytes mean the file cannot be trusted.
            plan.CheckSeams(file);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await saving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!plan.Complete)
            {
                PlanFile.TrySave(path, plan);
            }
        }

        state.Joined(plan);
        PlanFile.Forget(path);
    }

    /// <summary>The first request's connection: its body is the start of the file, until another connection's range begins.</summary>
    private async Task FirstConnectionAsync(
        TransferState state, SegmentPlan plan, SegmentPlan.Segment segment, Source source, Answer answer, IDisposable slot, SafeFileHandle file, SplitRun run, CancellationToken cancellationToken)
    {
        using var watchdog = watchdogs.Start(cancellationToken);
        try
        {
            await copy.CopyAsync(answer, new SegmentTarget(file, plan, segment, source, state.PartPath!, seam: null), state, watchdog, BufferSize).ConfigureAwait(false);
            run.FinishIfComplete(plan);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A transient failure leaves what is left of its range to the other connections; any other ends the file.
            run.Add(exchange.Classify(e, watchdog));
        }
        finally
        {
            plan.Release(segment);
            slot.Dispose();
        }
    }

    /// <summary>One connection: takes ranges until none is left, each fetched with Polly's retries.</summary>
    private async Task ConnectionAsync(TransferState state, SegmentPlan plan, int connection, SafeFileHandle file, SplitRun run, CancellationToken cancellationToken)
    {
        try
        {
            while (await retry.Value.ExecuteAsync(
                static (context, token) => context.Self.NextRangeAsync(context.State, context.Plan, context.Connection, context.File, context.Run, token),
                (Self: this, State: state, Plan: plan, Connection: connection, File: file, Run: run),
                cancellationToken).ConfigureAwait(false))
            {
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Retries spent (the range is left for the others, and for the next attempt if none takes it), or the end.
            run.Add(e);
        }
    }

    /// <summary>Fetches one range; false when no range is left to take.</summary>
    private async ValueTask<bool> NextRangeAsync(TransferState state, SegmentPlan plan, int connection, SafeFileHandle file, SplitRun run, CancellationToken cancellationToken)
    {
        while (true)
        {
            var source = state.Job.Sources.For(connection);
            using var slot = await hosts.EnterAsync(source.Url, cancellationToken).ConfigureAwait(false);
            if (plan.Claim(options.MinSplitSize) is not { } segment)
            {
                return false;
            }

            try
            {
                if (await FetchRangeAsync(state, plan, segment, source, file, cancellationToken).ConfigureAwait(false))
                {
                    run.FinishIfComplete(plan);
                    return true;
                }

                // The source was dropped: another takes the range at once.
            }
            finally
            {
                plan.Release(segment);
            }
        }
    }

    /// <summary>One range from one source; false when the source failed before any byte of it was kept and was dropped.</summary>
    private async Task<bool> FetchRangeAsync(TransferState state, SegmentPlan plan, SegmentPlan.Segment segment, Source source, SafeFileHandle file, CancellationToken cancellationToken)
    {
        state.CountAttempt();
        var from = segment.Next;
        var ask = Ask.Bytes(source, from, plan.LastByte(segment), plan.Length, Seam.Size);
        using var watchdog = watchdogs.Start(cancellationToken);
        var receiving = false;
        try
        {
            using var answer = exchange.Check(ask, await exchange.SendAsync(ask, watchdog.Token).ConfigureAwait(false), state);
            if (answer.Kind != AnswerKind.Partial)
            {
                throw answer.Kind == AnswerKind.RangeNotSatisfiable
                    ? new UntrustedAnswerException(Lie.Vanished, $"the server has no bytes {ask.Range} (416) of a file of {plan.Length:N0} bytes")
                    : source.Validator is { } began && answer.Validator is { } now && !now.Equals(began)
                    ? new UntrustedAnswerException(Lie.Changed, $"the file changed on the server during the download ({began} when it began, {now} now)")
                    : new UntrustedAnswerException(Lie.IgnoredRange, $"the server answered the whole file ({answer.Response.StatusCode:D}) to a request for bytes {ask.Range}");
            }

            receiving = true;
            var seam = Seam.Between(answer.Start, from);
            await copy.CopyAsync(answer, new SegmentTarget(file, plan, segment, source, state.PartPath!, seam), state, watchdog, BufferSize, seam?.Length ?? 0).ConfigureAwait(false);
            if (plan.HasLeft(segment))
            {
                throw new TransientFetchException($"the connection closed at byte {segment.Next:N0} of the range {from:N0}-{plan.LastByte(segment):N0}");
            }

            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not LocalFileException)
        {
            var failure = exchange.Classify(e, watchdog);
            var untrusted = failure as UntrustedAnswerException;

            // A source that failed before its body began, or whose answer lied, is dropped while others remain.
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
}
