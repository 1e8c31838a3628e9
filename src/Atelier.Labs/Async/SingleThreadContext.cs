using System.Collections.Concurrent;

namespace Atelier.Labs.Async;

/// <summary>
/// A synchronization context with one thread, as a UI framework's (or old ASP.NET's) is: every continuation that
/// captured it runs on that one thread, in turn. Blocking that thread on a task whose continuation needs it is the
/// classic async deadlock.
/// </summary>
internal sealed class SingleThreadContext : SynchronizationContext, IDisposable
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> queue = [];
    private readonly Thread thread;

    public SingleThreadContext()
    {
        thread = new Thread(Pump) { IsBackground = true, Name = "single-thread context" };
        thread.Start();
    }

    public override void Post(SendOrPostCallback d, object? state) => queue.Add((d, state));

    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("The lesson only posts.");

    /// <summary>Runs <paramref name="work"/> on the context's thread and gives what it returns.</summary>
    public Task<T> Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(_ =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }, null);
        return done.Task;
    }

    public void Dispose()
    {
        queue.CompleteAdding();
        thread.Join();
        queue.Dispose();
    }

    private void Pump()
    {
        SetSynchronizationContext(this);
        foreach (var (callback, state) in queue.GetConsumingEnumerable())
        {
            callback(state);
        }
    }
}
