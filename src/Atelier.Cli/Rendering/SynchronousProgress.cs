namespace Atelier.Cli.Rendering;

/// <summary>Calls the handler on the reporting thread, in order (Progress&lt;T&gt; posts to the thread pool instead).</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
