using System.Collections.Concurrent;

namespace Atelier.Fetch.Transfer;

/// <summary>At most N transfers at once per host and port.</summary>
internal sealed class HostLimiter(int perHost) : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> hosts = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask<IDisposable> EnterAsync(Uri url, CancellationToken cancellationToken)
    {
        var gate = hosts.GetOrAdd($"{url.Scheme}://{url.Authority}", _ => new SemaphoreSlim(perHost, perHost));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Slot(gate);
    }

    public void Dispose()
    {
        foreach (var gate in hosts.Values)
        {
            gate.Dispose();
        }
    }

    private sealed class Slot(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
