using System.Runtime.CompilerServices;
using Polly.Retry;
using Polly;

namespace Atelier.Fetch.Transfer;

/// <summary>
/// The attempts at one file: the first runs directly and Polly's retry takes over only once one has failed (its
/// backoff, or the server's Retry-After); an answer that could not be trusted starts the file again from its first
/// byte, once, and fails it the second time; a finished file is checked against the digest the server announced.
/// </summary>
internal sealed class Attempts
{
    private static readonly ResiliencePropertyKey<TransferState> StateKey = new("atelier.fetch.transfer");
    private readonly Attempt attempt;
    private readonly FetchOptions options;
    private readonly TransferReporter reporter;
    private readonly Lazy<ResiliencePipeline> retry;

    public Attempts(Attempt attempt, FetchOptions options, TransferReporter reporter)
    {
        this.attempt = attempt;
        this.options = options;
        this.reporter = reporter;

        // Built when a request first fails: Polly validates its options by reflection, a tenth of a start-up's time.
        retry = new(() => RetryPipeline.Create(options, OnRetryAsync));
    }

    /// <exception cref="UntrustedAnswerException">An answer lied after the file was started again.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask RunAsync(TransferState state, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                // Most downloads succeed at the first attempt: that one runs outside Polly.
                try
                {
                    await attempt.RunAsync(state, cancellationToken).ConfigureAwait(false);
                }
                catch (TransientFetchException e) when (options.Retries > 0)
                {
                    await RetryAsync(state, e, cancellationToken).ConfigureAwait(false);
                }

                if (state.Checksums is not null)
                {
                    await VerifyAsync(state, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (UntrustedAnswerException lie)
            {
                // A file that changed may be split again; after any other lie, one connection asks for it whole.
                if (!state.StartOver(lie.Message, oneConnection: lie.Lie != Lie.Changed))
                {
                    throw;
                }

                if (state.PartPath is { } part)
                {
                    PlanFile.Discard(part);
                }

                reporter.Retrying(state, TimeSpan.Zero, $"{lie.Message}; starting the file again");
            }
        }
    }

    /// <summary>The attempts after a first one failed, under Polly's retry: its first call reports that failure, so the delay follows it.</summary>
    private async Task RetryAsync(TransferState state, TransientFetchException firstFailure, CancellationToken cancellationToken)
    {
        TransientFetchException? pending = firstFailure;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StateKey, state);
        try
        {
            await retry.Value.ExecuteAsync(
                async context =>
                {
                    if (pending is { } failure)
                    {
                        pending = null;
                        throw failure;
                    }

                    await attempt.RunAsync(state, context.CancellationToken).ConfigureAwait(false);
                },
                context).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Checks the finished file against the digest the server announced, and completes its checksums.</summary>
    private async Task VerifyAsync(TransferState state, CancellationToken cancellationToken)
    {
        if (options.CheckOnly || state.KeptPath is not null || state.Checksums is not { } checksums)
        {
            return;
        }

        await checksums.CompleteAsync(state.PartPath!, state.Written, cancellationToken).ConfigureAwait(false);
        if (state.Digest is { } digest)
        {
            if (!checksums.Of(digest.Algorithm).AsSpan().SequenceEqual(digest.Expected))
            {
                throw new UntrustedAnswerException(Lie.DigestMismatch, $"the file does not match the server's {digest.Name}", spoiled: true);
            }

            state.Checked(digest.Name);
        }
    }

    private ValueTask OnRetryAsync(OnRetryArguments<object> arguments)
    {
        if (arguments.Context.Properties.TryGetValue(StateKey, out var state))
        {
            reporter.Retrying(state, arguments.RetryDelay, arguments.Outcome.Exception?.Message);
        }

        return ValueTask.CompletedTask;
    }
}
