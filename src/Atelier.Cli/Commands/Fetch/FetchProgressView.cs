using Atelier.Cli.Batch;
using Atelier.Fetch;

namespace Atelier.Cli.Commands.Fetch;

/// <summary>
/// Each download's progress on the batch view: a bar while it runs, labelled by its URL for the whole run (the file name
/// may change once the server names it), and a note when it retries.
/// </summary>
internal sealed class FetchProgressView(BatchView view) : IProgress<FetchProgress>
{
    public void Report(FetchProgress value)
    {
        if (!view.ShowsItems && value.State != FetchState.Retrying)
        {
            return;
        }

        var label = value.Url;
        switch (value.State)
        {
            case FetchState.Done or FetchState.Failed:
                view.EndItem(value.Index);
                break;
            case FetchState.Retrying:
                var wait = $"retrying in {value.RetryIn?.TotalSeconds:0.#} s";
                view.Note($"{value.Url}: {value.Error}; {wait}");
                if (view.ShowsItems)
                {
                    view.ShowItem(new BatchItem(value.Index, label, value.Bytes, value.Total, wait));
                }

                break;
            case FetchState.Waiting:
                // The header counts the downloads waiting for their host; the rows are the running ones.
                break;
            default:
                view.ShowItem(new BatchItem(value.Index, label, value.Bytes, value.Total) { Speed = value.Speed });
                break;
        }
    }
}
