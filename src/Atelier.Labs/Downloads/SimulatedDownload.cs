using System.Diagnostics;

namespace Atelier.Labs.Downloads;

/// <summary>
/// The chapter's custom thread class: a download on its own thread that publishes its status and percentage
/// for another thread to read.
/// </summary>
/// <remarks>
/// Status and bytes are written by the download's thread and read by the board's: Volatile makes each write
/// visible, and each is a single value, so the board never sees a torn one.
/// </remarks>
internal sealed class SimulatedDownload
{
    private const int ChunkSize = 256 * 1024;
    private readonly Thread thread;
    private readonly long bytesPerSecond;
    private readonly SemaphoreSlim slots;
    private readonly CancellationToken cancellationToken;
    private int status = (int)DownloadStatus.Waiting;
    private long received;

    public SimulatedDownload(string name, long size, long bytesPerSecond, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        Name = name;
        Size = size;
        this.bytesPerSecond = bytesPerSecond;
        this.slots = slots;
        this.cancellationToken = cancellationToken;
        thread = new Thread(Run) { Name = name, IsBackground = true };
    }

    public string Name { get; }

    public long Size { get; }

    public TimeSpan Waited { get; private set; }

    public TimeSpan Downloading { get; private set; }

    public DownloadStatus Status => (DownloadStatus)Volatile.Read(ref status);

    public DownloadState Snapshot() => new(Name, Status, Math.Round(100.0 * Volatile.Read(ref received) / Size, 1), Size);

    public void Start() => thread.Start();

    public void Join() => thread.Join();

    public DownloadOutcome Outcome() => new(Name, Size, Status, Figures.Ms(Waited), Figures.Ms(Downloading));

    private void Run()
    {
        var clock = Stopwatch.StartNew();
        if (!WaitForSlot())
        {
            Volatile.Write(ref status, (int)DownloadStatus.Canceled);
            return;
        }

        Waited = clock.Elapsed;
        clock.Restart();
        Volatile.Write(ref status, (int)DownloadStatus.InProgress);
        try
        {
            while (received < Size)
            {
                var chunk = Math.Min(ChunkSize, Size - received);

                // The wait stands in for the network; Ctrl-C cuts it short.
                if (cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds((double)chunk / bytesPerSecond)))
                {
                    Volatile.Write(ref status, (int)DownloadStatus.Canceled);
                    return;
                }

                Volatile.Write(ref received, received + chunk);
            }

            Volatile.Write(ref status, (int)DownloadStatus.Done);
        }
        finally
        {
            Downloading = clock.Elapsed;
            slots.Release();
        }
    }

    private bool WaitForSlot()
    {
        try
        {
            slots.Wait(cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
