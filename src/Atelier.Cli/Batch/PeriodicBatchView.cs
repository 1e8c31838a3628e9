namespace Atelier.Cli.Batch;

/// <summary>Not a terminal: the status as a plain line every <see cref="BatchView.PeriodicRefresh"/>, and each note as it comes.</summary>
internal sealed class PeriodicBatchView(TextWriter error, string name, TimeProvider? time) : BatchView
{
    private readonly Lock writing = new();

    public override Task RunAsync(Func<Task> work, Func<BatchStatus> status) =>
        RefreshLoop.RunAsync(work(), PeriodicRefresh, () => Note(status().Line), time);

    public override void Note(string line)
    {
        lock (writing)
        {
            error.WriteLine($"{name}: {line}");
        }
    }
}
