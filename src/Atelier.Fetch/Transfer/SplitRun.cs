namespace Atelier.Fetch.Transfer;

/// <summary>
/// The connections of one split download and their common end: the first failure that ends the file stops the others,
/// and so does the last byte (connections still waiting for a host slot have nothing left to take).
/// </summary>
internal sealed class SplitRun(CancellationTokenSource stop)
{
    private readonly Lock gate = new();

    /// <summary>The failure that ends the file (anything but a transient one); null while there is none.</summary>
    public Exception? Fatal { get; private set; }

    /// <summary>The first transient failure a connection gave up on; its range is left for the others.</summary>
    public TransientFetchException? Transient { get; private set; }

    public void FinishIfComplete(SegmentPlan plan)
    {
        if (plan.Complete)
        {
            stop.Cancel();
        }
    }

    public void Add(Exception failure)
    {
        lock (gate)
        {
            if (failure is TransientFetchException transient)
            {
                Transient ??= transient;
                return;
            }

            Fatal ??= failure;
        }

        stop.Cancel();
    }
}
