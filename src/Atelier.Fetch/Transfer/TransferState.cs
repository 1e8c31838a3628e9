namespace Atelier.Fetch.Transfer;

/// <summary>
/// What is known about one file's transfer, as its answers tell it: where it is saved, what identifies its body, how
/// much of it is written, how it went. Changed only through its methods, which keep it consistent, by one task at a
/// time (the attempt in flight; a split download's connections only add bytes, through its plan); read by progress
/// reports from any thread.
/// </summary>
internal sealed class TransferState(DownloadJob job, bool sha256) : IDisposable
{
    private long written;
    private long pending;
    private long received;
    private long firstByte;
    private int attempts;
    private int status;
    private int connected;

    /// <summary>What was asked.</summary>
    public DownloadJob Job { get; } = job;

    /// <summary>Whether it has had a slot for its host yet: until then it waits (<c>--per-host</c>), running in name only.</summary>
    public bool Connected => Volatile.Read(ref connected) == 1;

    public void Connect() => Volatile.Write(ref connected, 1);

    public string? Name { get; private set; }

    public string? FinalPath { get; private set; }

    public string? PartPath { get; private set; }

    /// <summary>An existing file left alone (<see cref="FetchStatus.Skipped"/> or <see cref="FetchStatus.UpToDate"/>); null otherwise.</summary>
    public string? KeptPath { get; private set; }

    /// <summary>Why <see cref="KeptPath"/> was left alone.</summary>
    public FetchStatus KeptAs { get; private set; }

    /// <summary>The file's length, once an answer said it.</summary>
    public long? Length { get; private set; }

    /// <summary>The ETag the server sent with the body, strong or weak, as sent; null when none.</summary>
    public string? ETag { get; private set; }

    /// <summary>The Last-Modified the server sent with the body; null when none.</summary>
    public DateTimeOffset? LastModified { get; private set; }

    /// <summary>The body's media type, as the server named it; null until a body came.</summary>
    public string? ContentType { get; private set; }

    /// <summary>The digest of the whole file the server announced, checked when the file is complete.</summary>
    public ServerDigest? Digest { get; private set; }

    /// <summary>The hashes the file is checked with; null when it is checked with none.</summary>
    public Checksums? Checksums { get; private set; }

    /// <summary>What the finished file was checked against and matched (<c>sha256</c>, <c>Repr-Digest sha-256</c>...).</summary>
    public string? Verified { get; private set; }

    /// <summary>A split download's ranges; null while the file comes over one connection.</summary>
    public SegmentPlan? Plan { get; private set; }

    /// <summary>Bytes of the body in the <c>.part</c> file.</summary>
    public long Written => Plan?.Done ?? Interlocked.Read(ref written);

    /// <summary>Bytes received and not yet written: progress counts them.</summary>
    public long Pending => Interlocked.Read(ref pending);

    /// <summary>Bytes received over the network in this run (not those a resumed <c>.part</c> already held).</summary>
    public long Received => Interlocked.Read(ref received);

    /// <summary>When the first byte of this run arrived, as a timestamp of the run's clock; 0 before it did.</summary>
    public long FirstByte => Interlocked.Read(ref firstByte);

    /// <summary>Why the file was started again from its first byte; null while it was not.</summary>
    public string? Restart { get; private set; }

    /// <summary>Whether the file now comes over one connection only: it was started again after an answer that lied.</summary>
    public bool OneConnection { get; private set; }

    /// <summary>How many connections served the file at once, at most.</summary>
    public int Connections { get; private set; } = 1;

    /// <summary>Requests made, over every connection.</summary>
    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>The last HTTP status code received; null before any.</summary>
    public int? HttpStatus => Volatile.Read(ref status) is var code and > 0 ? code : null;

    public Uri? FinalUrl { get; private set; }

    /// <summary>True once the last answer was a refusal (an HTTP error), not a cut connection.</summary>
    public bool RefusedByServer { get; private set; }

    /// <summary>When progress was last reported, as a timestamp of the run's clock. The reporter's own.</summary>
    public long LastReported { get; set; }

    /// <summary>Whether every byte of the file is written.</summary>
    public bool Complete => Length is { } length && Written == length;

    public void CountAttempt() => Interlocked.Increment(ref attempts);

    public void Answered(int code, Uri url, bool refused)
    {
        Volatile.Write(ref status, code);
        FinalUrl = url;
        RefusedByServer = refused;
    }

    /// <summary>The file will be saved as <paramref name="finalPath"/>, written to it plus <c>.part</c> meanwhile.</summary>
    public void Place(string name, string finalPath)
    {
        // A path with folders (a crawl's HOST/PATH) gets its folders the first time a body comes.
        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
        Name = name;
        FinalPath = finalPath;
        PartPath = finalPath + Naming.OutputFiles.PartSuffix;
    }

    /// <summary>A <c>.part</c> an earlier run left, with <paramref name="bytes"/> of the body, or the plan of its ranges.</summary>
    public void Resume(string name, string finalPath, long bytes, SegmentPlan? plan)
    {
        Place(name, finalPath);
        Interlocked.Exchange(ref written, bytes);
        if (plan is not null)
        {
            Plan = plan;
            Length = plan.Length;
            Job.Sources.First.Identify(plan.Validator);
        }
    }

    /// <summary>An existing file is left as it is: <see cref="FetchStatus.Skipped"/> or <see cref="FetchStatus.UpToDate"/>.</summary>
    public void LeaveAlone(FetchStatus why, string name, string path)
    {
        (Name, KeptPath, KeptAs) = (name, path, why);
    }

    /// <summary>A body from its first byte, as <paramref name="answer"/> describes it: whatever was written is given up.</summary>
    public void Begin(Answer answer, Source source)
    {
        Interlocked.Exchange(ref written, 0);
        Plan = null;
        Length = answer.Total;
        (ETag, LastModified) = (answer.ETag, answer.LastModified);
        ContentType = answer.Response.Content.Headers.ContentType?.MediaType;
        Digest = answer.Digest;
        Checksums?.Dispose();
        Checksums = Checksums.For(sha256, Digest);

        source.Identify(answer.Validator);
    }

    /// <summary>An answer that goes on with the body written so far: what it says of the file fills what is not known yet.</summary>
    public void Continue(Answer answer, Source source)
    {
        Length ??= answer.Total;
        ETag ??= answer.ETag;
        LastModified ??= answer.LastModified;
        ContentType ??= answer.Response.Content.Headers.ContentType?.MediaType;
        if (Digest is null && answer.Digest is { } digest)
        {
            Digest = digest;
            Checksums?.Dispose();
            Checksums = null;
        }

        Checksums ??= Checksums.For(sha256, Digest);

        source.Identify(answer.Validator);
    }

    /// <summary>Bytes written to the <c>.part</c> at <paramref name="offset"/> by the one connection that writes it in order.</summary>
    public void Wrote(long offset, ReadOnlySpan<byte> bytes)
    {
        Checksums?.Append(offset, bytes);
        Interlocked.Exchange(ref written, offset + bytes.Length);
    }

    /// <summary>The file goes on over several connections, as <paramref name="plan"/> says.</summary>
    public void Split(SegmentPlan plan) => Plan = plan;

    /// <summary>The split download ended complete: the most connections it had at once.</summary>
    public void Joined(SegmentPlan plan)
    {
        Connections = Math.Max(Connections, plan.MostOwned);
        Interlocked.Exchange(ref written, plan.Done);
        Plan = null;
    }

    /// <summary>Bytes arrived and wait to be written (<paramref name="count"/> negative: they were).</summary>
    public void Arrived(long count) => Interlocked.Add(ref pending, count);

    /// <summary>Bytes came over the network at <paramref name="timestamp"/>.</summary>
    public void CountReceived(int count, long timestamp)
    {
        Interlocked.CompareExchange(ref firstByte, timestamp, 0);
        Interlocked.Add(ref received, count);
    }

    /// <summary>The finished file matched what it was checked against.</summary>
    public void Checked(string what) => Verified = Verified is null ? what : $"{Verified}, {what}";

    /// <summary>
    /// Starts the file again from its first byte, once: what was written, its length, plan and validators are forgotten;
    /// with <paramref name="oneConnection"/>, it is not split again (its first request asks for no range).
    /// False when it was started again already: the reason is then the file's failure.
    /// </summary>
    public bool StartOver(string why, bool oneConnection)
    {
        if (Restart is not null)
        {
            return false;
        }

        Restart = why;
        OneConnection = oneConnection;
        Interlocked.Exchange(ref written, 0);
        Plan = null;
        Length = null;
        (ETag, LastModified, Digest) = (null, null, null);
        Checksums?.Dispose();
        Checksums = null;

        Job.Sources.ForgetValidators();
        return true;
    }

    public void Dispose() => Checksums?.Dispose();
}
