using System.Collections.Concurrent;

namespace Atelier.Tests.Support;

/// <summary>Records every report synchronously, on the reporting thread (unlike Progress&lt;T&gt;, which posts).</summary>
internal sealed class ProgressRecorder<T> : IProgress<T>
{
    private readonly ConcurrentQueue<T> reports = new();

    public IReadOnlyList<T> Reports => [.. reports];

    public void Report(T value) => reports.Enqueue(value);
}
