using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Atelier.Fetch.Naming;
using Atelier.Work;

namespace Atelier.Fetch.Transfer;

/// <summary>
/// One request, from its line to its result: its sources checked, an existing file or <c>.part</c> looked at, its
/// attempts run, the finished <c>.part</c> checked and renamed into place.
/// </summary>
internal sealed class FileFetch(FetchOptions options, OutputFiles output, Validators? validators, TransferReporter reporter, Attempts attempts)
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<FetchResult> RunAsync(WorkItem<FetchRequest> item, CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var started = time.GetTimestamp();
        var request = item.Value;
        if (!TryGetSources(request, out var sources, out var problem))
        {
            return Unusable(item.Index, request, problem);
        }

        var perDownload = options.RateLimitPerDownload is { } rate ? new Bandwidth(rate, time) : null;
        using var job = new DownloadJob(item.Index, request, sources, validators?.For(sources.First.RedactedUrl, output.Directory), perDownload);
        using var state = new TransferState(job, sha256: request.Sha256 is not null || options.ComputeSha256);
        reporter.Waiting(state);
        FetchResult result;
        try
        {
            if (options.CheckOnly || !SkipWithoutAsking(state))
            {
                if (options.Continue && !options.CheckOnly)
                {
                    ResumeFromPart(state);
                }

                await attempts.RunAsync(state, cancellationToken).ConfigureAwait(false);
            }

            result = Finish(state, time.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = Ended(state, FetchStatus.Canceled, time.GetElapsedTime(started), error: "interrupted", path: state.PartPath);
        }
        catch (Exception e)
        {
            DiscardPartUnlessResumable(state, e);
            var error = UrlRedactor.RedactText(e is WorkItemException ? e.Message : $"{e.GetType().Name}: {e.Message}");
            result = Ended(state, FetchStatus.Failed, time.GetElapsedTime(started), error, path: null);
        }

        if (result.Status != FetchStatus.Downloaded && state.FinalPath is not null)
        {
            output.Release(state.FinalPath);
        }

        reporter.Ended(state, result);
        return result;
    }

    /// <summary>The URL and its mirrors, each checked, with its credentials; false with the reason when one is unusable.</summary>
    private bool TryGetSources(FetchRequest request, [NotNullWhen(true)] out SourceSet? sources, [NotNullWhen(false)] out string? problem)
    {
        sources = null;
        problem = request.Problem;
        if (problem is not null)
        {
            return false;
        }

        var found = new Source[1 + request.Mirrors.Count];
        for (var i = 0; i < found.Length; i++)
        {
            var text = i == 0 ? request.Url : request.Mirrors[i - 1];
            if (!RequestUrl.TryParse(text, options.Netrc, out var url, out var authorization, out problem))
            {
                problem = i == 0 ? problem : $"mirror {problem}";
                return false;
            }

            found[i] = new Source(url, authorization, UrlRedactor.Redact(text));
        }

        sources = new SourceSet(found);
        return true;
    }

    /// <summary>With --on-exists skip, a file already saved under the name the URL gives is left without a request.</summary>
    private bool SkipWithoutAsking(TransferState state)
    {
        if (options.OnExists != ExistingFile.Skip
            || (FileNames.Asked(state.Job.Request) ?? FileNames.FromUrl(state.Job.Url)) is not { } name
            || !File.Exists(Path.Combine(output.Directory, name)))
        {
            return false;
        }

        state.LeaveAlone(FetchStatus.Skipped, name, Path.Combine(output.Directory, name));
        return true;
    }

    /// <summary>Picks up the <c>.part</c> an earlier run left under the name the URL gives, and its plan if it was split.</summary>
    private void ResumeFromPart(TransferState state)
    {
        var name = FileNames.Asked(state.Job.Request) ?? FileNames.FromUrl(state.Job.Url) ?? FileNames.Fallback;
        var part = Path.Combine(output.Directory, name) + OutputFiles.PartSuffix;
        if (File.Exists(part))
        {
            var plan = PlanFile.Load(part);
            state.Resume(name, output.ReserveForResume(name), plan?.Done ?? new FileInfo(part).Length, plan);
        }
    }

    private FetchResult Finish(TransferState state, TimeSpan duration)
    {
        if (state.KeptPath is { } kept)
        {
            return Ended(state, state.KeptAs, duration, error: null, path: kept);
        }

        if (options.CheckOnly)
        {
            // A probe reads no body: the size is the one the server gave.
            return Ended(state, FetchStatus.Checked, duration, error: null, path: null) with { Bytes = state.Length ?? 0 };
        }

        var sha256 = state.Checksums?.Of(HashAlgorithmName.SHA256) is { } hash ? Convert.ToHexStringLower(hash) : null;
        if (state.Job.Request.Sha256 is { } expected)
        {
            if (sha256 != expected)
            {
                PlanFile.Discard(state.PartPath!);
                return Ended(state, FetchStatus.Failed, duration, $"sha256 mismatch: expected {expected}, got {sha256}; nothing kept", path: null) with { Sha256 = sha256 };
            }

            state.Checked("sha256");
        }

        var path = output.Commit(state.PartPath!, state.FinalPath!);
        if (validators is not null)
        {
            // As wget -N: the file carries the server's time, and the next run asks whether it changed since.
            if (state.LastModified is { } modified)
            {
                File.SetLastWriteTimeUtc(path, modified.UtcDateTime);
            }

            validators.Keep(state.Job.RedactedUrl, new Validators.Entry(Path.GetRelativePath(output.Directory, path).Replace('\\', '/'), state.ETag, state.LastModified));
        }

        return Ended(state, FetchStatus.Downloaded, duration, error: null, path) with { Sha256 = sha256 };
    }

    private static FetchResult Unusable(long index, FetchRequest request, string problem) =>
        new(index, request.Line, UrlRedactor.Redact(request.Url), null, FetchStatus.Failed, null, 0, TimeSpan.Zero, 0, null, null, problem);

    private static FetchResult Ended(TransferState state, FetchStatus status, TimeSpan duration, string? error, string? path) => new(
        state.Job.Index,
        state.Job.Request.Line,
        state.Job.RedactedUrl,
        state.FinalUrl is null ? null : UrlRedactor.Redact(state.FinalUrl.ToString()),
        status,
        state.HttpStatus,
        state.Written,
        duration,
        state.Attempts,
        path,
        null,
        error)
    {
        Connections = state.Connections,
        Mirrors = state.Job.Sources.Count > 1 ? [.. state.Job.Sources.All.Select(s => new MirrorUse(s.RedactedUrl, s.Bytes, s.Dropped))] : [],
        Verified = status == FetchStatus.Downloaded ? state.Verified : null,
        Restart = state.Restart,
        ContentType = state.ContentType,
    };

    /// <summary>A <c>.part</c> is kept only when a connection problem cut a body short: --continue can finish it.</summary>
    private static void DiscardPartUnlessResumable(TransferState state, Exception failure)
    {
        if (state.PartPath is { } part && (state.RefusedByServer || state.Written == 0 || failure is UntrustedAnswerException) && File.Exists(part))
        {
            PlanFile.Discard(part);
        }
    }
}
