using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Atelier.Fetch.Transfer;

/// <summary>At most N transfers at once per host and port.</summary>
internal sealed class HostLimiter(int perHost) : IDisposable
{
    // Uri keeps its scheme and host as strings, lower case for http and https: the key costs no allocation.
    private readonly ConcurrentDictionary<(string Scheme, string Host, int Port), SemaphoreSlim> hosts = new();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<IDisposable> EnterAsync(Uri url, CancellationToken cancellationToken)
    {
        var gate = hosts.GetOrAdd((url.Scheme, url.Host, url.Port), static (_, limit) => new SemaphoreSlim(limit, limit), perHost);
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
